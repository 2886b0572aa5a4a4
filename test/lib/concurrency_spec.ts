/**
 * How many devices are in flight, and what stays open: the number follows the time a device
 * takes and what the event loop can sustain, within the user's cap; answers are handled in turns
 * of the event loop; idle sessions close.
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { Limiter } from "../../nodes/lib/snmp/limiter";
import { SessionPool } from "../../nodes/lib/snmp/pool";
import { runQuery } from "../../nodes/lib/snmp/query";
import { openSocketCount } from "../../nodes/lib/snmp/session";
import { normalizeSettings } from "../../nodes/lib/snmp/settings";
import { inTurn } from "../../nodes/lib/snmp/turns";
import { startSimulator } from "../../tools/sim";

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Keep the CPU busy for `ms`, as decoding does. */
function busy(ms: number): void {
    const end = performance.now() + ms;
    while (performance.now() < end) {
        // spin
    }
}

/** Run `count` tasks through the limiter; returns the most that were in flight at once. */
async function flight(limiter: Limiter, count: number, task: () => Promise<void>): Promise<number> {
    let active = 0;
    let peak = 0;
    await Promise.all(
        Array.from({ length: count }, () =>
            limiter.run(async () => {
                active++;
                peak = Math.max(peak, active);
                try {
                    await task();
                } finally {
                    active--;
                }
            }),
        ),
    );
    return peak;
}

describe("concurrency", function () {
    this.timeout(30_000);

    describe("devices in flight", () => {
        it("rise on a slow link, far above the start, when the event loop has room", async () => {
            const limiter = new Limiter(1000);
            // 1,500 devices that each wait 100 ms (a 100 ms link) and need almost no CPU.
            const peak = await flight(limiter, 1500, () => sleep(100));
            assert.ok(peak >= 256, `${peak} devices in flight at most (64 at the start)`);
        });

        it("do not rise while a poll's first answers are on the way, and rise after", async () => {
            const limiter = new Limiter(1000);
            // Polls of 128 devices on a 100 ms link. In the first, 64 wait for their answers, and
            // the idle loop meanwhile is the link's wait, not room for more.
            const peaks: number[] = [];
            for (let poll = 0; poll < 3; poll++) {
                limiter.resetPeak();
                await flight(limiter, 128, () => sleep(100));
                peaks.push(limiter.stats.peak);
                await sleep(50);
            }
            assert.equal(peaks[0], 64, `first poll: ${peaks.join(", ")} in flight at most`);
            // Devices waited in the first poll's second window, with the loop idle: a next poll
            // has them all in flight, one round trip of time instead of two. (The second poll, as
            // a rule; in a fresh process, a compile or a collection in that window may leave the
            // doubling to the second poll's windows: 64, 64, 128 in about one run in three.)
            assert.equal(peaks[2], 128, `${peaks.join(", ")} in flight at most`);
        });

        it("never go above snmpCredentialsConcurrency", async () => {
            const limiter = new Limiter(40);
            const peak = await flight(limiter, 400, () => sleep(50));
            assert.equal(peak, 40);
        });

        it("shrink when the event loop is the bottleneck", async () => {
            const limiter = new Limiter(1000);
            // Devices that answer at once but cost 2 ms of CPU each: more in flight only queue.
            await flight(limiter, 600, async () => {
                await new Promise((r) => setImmediate(r));
                busy(2);
            });
            assert.ok(limiter.stats.current <= 32, `${limiter.stats.current} allowed in flight at the end`);
        });

        it("start a few dozen per turn of the event loop, not a whole poll at once", async () => {
            const limiter = new Limiter(1000, false);
            let started = 0;
            let startedBeforeNextTurn = -1;
            // Queued before the poll: runs at the start of the event loop's next check phase.
            setImmediate(() => (startedBeforeNextTurn = started));
            await flight(limiter, 500, async () => {
                started++;
                await sleep(20);
            });
            assert.equal(started, 500);
            assert.ok(
                startedBeforeNextTurn > 0 && startedBeforeNextTurn <= 32,
                `${startedBeforeNextTurn} of 500 devices started in the poll's first turn`,
            );
        });

        it("drop waiting devices when their node closes, and never start them", async () => {
            const limiter = new Limiter(2, false);
            const closing = new AbortController();
            let started = 0;
            const runs = Array.from({ length: 50 }, () =>
                limiter.run(
                    async () => {
                        started++;
                        await sleep(50);
                    },
                    closing.signal,
                    "printer",
                ),
            );
            await sleep(10);
            closing.abort();
            const outcomes = await Promise.allSettled(runs);
            assert.equal(started, 2);
            assert.equal(outcomes.filter((o) => o.status === "rejected").length, 48);
            assert.equal(limiter.waiting, 0);
        });
    });

    it("handles a burst of answers in turns: timers run in between", async () => {
        let handled = 0;
        let handledWhenTimerFired = -1;
        setTimeout(() => (handledWhenTimerFired = handled), 0);
        await new Promise<void>((resolve) => {
            for (let i = 0; i < 400; i++) {
                inTurn(() => {
                    busy(1); // one decode
                    if (++handled === 400) resolve();
                });
            }
        });
        assert.ok(
            handledWhenTimerFired >= 0 && handledWhenTimerFired < 100,
            `a timer due at once ran after ${handledWhenTimerFired} of 400 answers (400 ms of work)`,
        );
    });

    it("keeps at most maxIdle idle sessions and closes the least recently used", async () => {
        const fixture = join(__dirname, "..", "fixtures", "printers", "inkjet.snmprec");
        const names = ["a", "b", "c", "d", "e"];
        const sim = await startSimulator({
            devices: names.map((name) => ({ name, file: fixture, port: 0, dynamics: false })),
        });
        const before = openSocketCount();
        const pool = new SessionPool(normalizeSettings({ timeout: 1000, retries: 0 }), { maxIdle: 2 });
        try {
            for (const name of names) {
                const ep = sim.endpoint(name);
                await pool.use(ep.host, ep.port, (s) =>
                    runQuery(s, { scalars: ["1.3.6.1.2.1.1.5.0"] }, { maxRepetitions: 1 }),
                );
            }
            assert.equal(pool.idleCount, 2);
            assert.equal(pool.size, 2);
            await new Promise((r) => setImmediate(r)); // a socket says it closed in the next turn
            assert.equal(openSocketCount(), before + 2, "three sockets closed");
            // The two kept are the last used: polling them again opens nothing.
            for (const name of ["d", "e"]) {
                const ep = sim.endpoint(name);
                await pool.use(ep.host, ep.port, () => Promise.resolve());
            }
            assert.equal(openSocketCount(), before + 2);
        } finally {
            pool.close();
            await sim.stop();
        }
        await new Promise((r) => setImmediate(r));
        assert.equal(openSocketCount(), before);
    });
});
