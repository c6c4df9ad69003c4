using Ganeti.Api.Hosting;

namespace Ganeti.Api.Tests.Hardening;

public sealed class ReclaimStateTests
{
    private const long MB = 1 << 20;

    [Fact]
    public void QuietAfterGrowth_Reclaims_Once_UntilBusyAgain()
    {
        var state = new ReclaimState();

        state.ShouldReclaim(collections: 10, committed: 40 * MB, threshold: 64 * MB).Should().BeFalse("the first look has nothing to compare with");
        state.ShouldReclaim(collections: 50, committed: 400 * MB, threshold: 64 * MB).Should().BeFalse("collections happened: the service is busy");
        state.ShouldReclaim(collections: 50, committed: 400 * MB, threshold: 64 * MB).Should().BeTrue("quiet, and 360 MB over the floor");
        state.Reclaimed(collections: 51, committed: 60 * MB);
        state.ShouldReclaim(collections: 51, committed: 200 * MB, threshold: 64 * MB).Should().BeFalse("no second reclaim before the service is busy again");
        state.ShouldReclaim(collections: 70, committed: 300 * MB, threshold: 64 * MB).Should().BeFalse("busy");
        state.ShouldReclaim(collections: 70, committed: 300 * MB, threshold: 64 * MB).Should().BeTrue("quiet again after being busy");
    }

    [Fact]
    public void QuietWithoutGrowth_DoesNotCollect()
    {
        var state = new ReclaimState();

        state.ShouldReclaim(1, 40 * MB, 64 * MB).Should().BeFalse();
        state.ShouldReclaim(1, 90 * MB, 64 * MB).Should().BeFalse("50 MB of growth is under the threshold");
        state.ShouldReclaim(1, 100 * MB, 64 * MB).Should().BeFalse("60 MB still is");
        state.ShouldReclaim(1, 110 * MB, 64 * MB).Should().BeTrue("70 MB is over it");
    }
}
