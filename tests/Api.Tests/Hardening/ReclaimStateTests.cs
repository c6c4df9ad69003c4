using Ganeti.Api.Hosting;

namespace Ganeti.Api.Tests.Hardening;

public sealed class ReclaimStateTests
{
    private const long MB = 1 << 20;

    [Fact]
    public void QuietAfterGrowth_Reclaims_Once_UntilTheServiceHasAllocatedAgain()
    {
        var state = new ReclaimState(threshold: 64 * MB);

        state.ShouldReclaim(allocated: 10 * MB, committed: 40 * MB).Should().BeFalse("the first look has nothing to compare with");
        state.ShouldReclaim(allocated: 900 * MB, committed: 400 * MB).Should().BeFalse("890 MB allocated since the last look: busy");
        state.ShouldReclaim(allocated: 901 * MB, committed: 400 * MB).Should().BeTrue("quiet, and 360 MB over the floor");
        state.Reclaimed(allocated: 901 * MB, committed: 60 * MB);
        state.ShouldReclaim(allocated: 902 * MB, committed: 200 * MB).Should().BeFalse("nothing much allocated since the reclaim");
        state.ShouldReclaim(allocated: 1100 * MB, committed: 300 * MB).Should().BeFalse("busy");
        state.ShouldReclaim(allocated: 1101 * MB, committed: 300 * MB).Should().BeTrue("quiet again after allocating 200 MB");
    }

    /// <summary>
    /// Large bodies that stall are allocated without a collection running: the growth alone
    /// counts as activity (a count of collections would have seen none).
    /// </summary>
    [Fact]
    public void GrowthWithoutCollections_CountsAsActivity()
    {
        var state = new ReclaimState(threshold: 64 * MB);
        state.ShouldReclaim(10 * MB, 40 * MB);
        state.ShouldReclaim(300 * MB, 200 * MB);
        state.ShouldReclaim(301 * MB, 200 * MB).Should().BeTrue();
        state.Reclaimed(301 * MB, 50 * MB);

        state.ShouldReclaim(520 * MB, 260 * MB).Should().BeFalse("stalled bodies arriving");
        state.ShouldReclaim(521 * MB, 260 * MB).Should().BeTrue("they were allocated after the last reclaim");
    }

    [Fact]
    public void QuietWithoutGrowth_DoesNotCollect()
    {
        var state = new ReclaimState(threshold: 64 * MB);

        state.ShouldReclaim(1 * MB, 40 * MB).Should().BeFalse();
        state.ShouldReclaim(2 * MB, 90 * MB).Should().BeFalse("50 MB of growth is under the threshold");
        state.ShouldReclaim(3 * MB, 100 * MB).Should().BeFalse("60 MB still is");
        state.ShouldReclaim(4 * MB, 110 * MB).Should().BeTrue("70 MB is over it");
    }

    /// <summary>
    /// Stalled uploads hold their buffers while the service allocates nothing, so the reclaim
    /// fires while they are still live and frees little. Once they are answered the buffers are
    /// garbage, and no allocation follows: the retry, not new activity, gives the memory back.
    /// </summary>
    [Fact]
    public void AReclaimThatFreedLittle_IsRetried_WithBackoff_UntilOneBringsTheHeapDown()
    {
        var state = new ReclaimState(threshold: 64 * MB);
        state.ShouldReclaim(10 * MB, 40 * MB);
        state.ShouldReclaim(450 * MB, 420 * MB).Should().BeFalse("bodies arriving");
        state.ShouldReclaim(451 * MB, 420 * MB).Should().BeTrue("quiet while they stall");
        state.Reclaimed(451 * MB, 411 * MB);

        state.ShouldReclaim(452 * MB, 411 * MB).Should().BeTrue("the first retry is one look later");
        state.Reclaimed(452 * MB, 411 * MB);
        state.ShouldReclaim(453 * MB, 411 * MB).Should().BeFalse("the second waits two looks");
        state.ShouldReclaim(454 * MB, 411 * MB).Should().BeTrue();
        state.Reclaimed(454 * MB, 411 * MB);
        LooksUntilReclaim(state, 455 * MB, 411 * MB).Should().Be(4, "then four");

        state.Reclaimed(455 * MB, 45 * MB);
        LooksUntilReclaim(state, 456 * MB, 300 * MB, maxLooks: 500).Should().Be(-1,
            "a reclaim that brought the heap down ends the retries until the service allocates again");
    }

    [Fact]
    public void Retries_BackOffNoFurtherThanTheCap_WhileTheMemoryIsReallyHeld()
    {
        var state = new ReclaimState(threshold: 64 * MB);
        state.ShouldReclaim(10 * MB, 40 * MB);
        state.ShouldReclaim(400 * MB, 380 * MB);
        state.ShouldReclaim(401 * MB, 380 * MB).Should().BeTrue();

        var waits = new List<int>();
        for (var i = 0; i < 10; i++)
        {
            state.Reclaimed(401 * MB, 380 * MB);
            waits.Add(LooksUntilReclaim(state, 401 * MB, 380 * MB, maxLooks: 1000));
        }

        waits.Should().Equal(1, 2, 4, 8, 16, 32, 64, 128, 128, 128);
    }

    [Fact]
    public void ARetryDue_WaitsForTheServiceToBeQuiet()
    {
        var state = new ReclaimState(threshold: 64 * MB);
        state.ShouldReclaim(10 * MB, 40 * MB);
        state.ShouldReclaim(400 * MB, 380 * MB);
        state.ShouldReclaim(401 * MB, 380 * MB).Should().BeTrue();
        state.Reclaimed(401 * MB, 380 * MB);

        state.ShouldReclaim(420 * MB, 380 * MB).Should().BeFalse("20 MB allocated since the last look: busy");
        state.ShouldReclaim(421 * MB, 380 * MB).Should().BeTrue("quiet again, and the retry is due");
    }

    /// <summary>How many quiet looks at the same figures pass before the state says collect (-1: none within maxLooks).</summary>
    private static int LooksUntilReclaim(ReclaimState state, long allocated, long committed, int maxLooks = 200)
    {
        for (var look = 1; look <= maxLooks; look++)
        {
            if (state.ShouldReclaim(allocated, committed))
            {
                return look;
            }
        }

        return -1;
    }
}
