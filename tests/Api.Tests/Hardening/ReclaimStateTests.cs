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
}
