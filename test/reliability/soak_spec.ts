/**
 * The short soak (the long one is `npm run soak`: 10,000 polls, 200 redeploys): polls and full
 * redeploys of both query nodes with the alert and forecast nodes behind them, in one process.
 * Afterwards the kernel counts as many UDP sockets as before, no timer is left (ref'd or not),
 * and heap after GC is flat.
 */
import assert from "node:assert/strict";
import { resourcesAdded, runSoak } from "../../tools/reliability/soak-lib";

/** Entries of `after` beyond what `before` had (as multisets). */
describe("soak (short; npm run soak for 10,000 polls and 200 redeploys)", function () {
    this.timeout(60_000);

    it("120 polls and 8 redeploys leave no socket, no timer, and flat memory", async () => {
        const r = await runSoak({ redeploys: 8, pollsPerDeploy: 15 });
        console.log(
            `      ${r.polls} polls (${r.devicePolls} device polls), ${r.redeploys} redeploys in ${(r.ms / 1000).toFixed(1)} s; ` +
                `UDP ${r.udp.before}/${r.udp.peak}/${r.udp.after}, timers ${r.timers.before}/${r.timers.after}, ` +
                `heap +${r.heapGrowthMb.toFixed(1)} MB`,
        );
        assert.deepEqual(r.failed, []);
        assert.equal(r.devicePolls, 120 * 5);
        if (r.udp.before !== undefined) {
            assert.ok((r.udp.peak ?? 0) >= 5, "the sockets were there while polling");
            assert.equal(r.udp.after, r.udp.before, "UDP sockets back to where they were");
        }
        assert.equal(r.packageSockets.after, 0);
        // Other tests' resources (a child runtime exiting, a timer running out) may end during the
        // soak: what counts is that the soak adds none of its own.
        assert.deepEqual(
            resourcesAdded(r.activeResources.before, r.activeResources.after),
            [],
            "no resource added",
        );
        assert.deepEqual(r.timers.leftBehind, [], "no timer left behind");
        assert.ok(
            r.timers.after <= r.timers.before,
            `timers ${r.timers.before} before, ${r.timers.after} after`,
        );
        assert.ok(r.heapGrowthMb < 8, `heap grew ${r.heapGrowthMb.toFixed(1)} MB after warm-up`);
    });
});
