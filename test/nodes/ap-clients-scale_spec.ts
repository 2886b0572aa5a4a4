/**
 * A controller with 5,000 clients on 500 APs (generated, tools/bench/ap-fixture.ts), polled over
 * SNMP from the simulator: every count right, only the profile's columns read, and the number of
 * round trips bounded by the largest column divided by the repetitions per request. Time and
 * memory are figures for the benchmark (npm run bench), not assertions here.
 */
import assert from "node:assert/strict";
import { startSimulator, type Simulator } from "../../tools/sim";
import { ciscoController, type ControllerFixture } from "../../tools/bench/ap-fixture";
import { planFor } from "../../nodes/lib/ap/engine";
import { pollAp, type ApPoll } from "../../nodes/lib/ap/poll-ap";
import { profileById } from "../../nodes/lib/ap/profiles";
import { SnmpSession } from "../../nodes/lib/snmp/session";
import { normalizeSettings } from "../../nodes/lib/snmp/settings";
import { isUnder } from "../../nodes/lib/snmp/varbind";

async function pollWith(sim: Simulator, maxRepetitions: number, vendor = "auto"): Promise<ApPoll> {
    const ep = sim.endpoint("wlc");
    const settings = normalizeSettings({
        community: ep.community,
        port: ep.port,
        timeout: 5000,
        retries: 0,
        maxRepetitions,
    });
    const session = await SnmpSession.open(ep.host, settings);
    try {
        return await pollAp(
            session,
            { host: ep.host, port: ep.port, name: "campus" },
            {
                vendor,
                maxRepetitions,
                maxRows: 100_000,
                now: () => new Date(),
            },
        );
    } finally {
        session.close();
    }
}

describe("ap-clients at scale: 500 APs, 5,000 clients", function () {
    this.timeout(120_000);
    let fixture: ControllerFixture;

    before(() => {
        fixture = ciscoController({ aps: 500, clients: 5000 });
    });

    describe("agent accepting large responses (64 kB)", () => {
        let sim: Simulator;
        before(async () => {
            sim = await startSimulator({
                devices: [{ name: "wlc", records: fixture.records, port: 0, dynamics: false }],
                maxMsgSize: 65_000,
            });
        });
        after(() => sim?.stop());

        it("reads every AP, SSID and client right", async () => {
            const { reading: r } = await pollWith(sim, 50);
            assert.equal(r.profile, "cisco-aireos");
            assert.deepEqual(r.totals, { clients: 5000, aps: 500 });
            assert.equal(r.clients.length, 5000);
            assert.deepEqual(
                Object.fromEntries(r.ssids.map((s) => [s.ssid, s.clients])),
                Object.fromEntries(fixture.perSsid),
            );
            for (const ap of r.aps) assert.equal(ap.clients, fixture.perAp.get(ap.name), ap.name);
            assert.ok(r.clients.every((c) => c.signal !== undefined && c.signal < 0 && c.ap !== undefined));
        });

        it("polls in a number of round trips bounded by rows / repetitions, reading only the profile's columns", async () => {
            const profile = profileById("cisco-aireos");
            assert.ok(profile);
            const plan = planFor(profile);
            for (const reps of [25, 50, 100]) {
                const start = sim.log.length;
                const poll = await pollWith(sim, reps, "cisco-aireos");
                // The client columns are the longest (5,000 rows): each request advances every
                // unfinished column by `reps` rows.
                const bound = Math.ceil(5000 / reps) + 2;
                assert.ok(
                    poll.requests <= bound,
                    `${poll.requests} round trips with ${reps} repetitions (bound ${bound})`,
                );
                const entries = sim.log.slice(start).filter((e) => e.device === "wlc");
                assert.equal(entries.length, poll.requests);
                for (const e of entries) {
                    for (const oid of e.oids) {
                        const wanted =
                            plan.scalars.some(
                                (s) => oid === s || isUnder(s, oid) || oid === s.replace(/\.0$/, ""),
                            ) || plan.columns.some((c) => oid === c || isUnder(oid, c));
                        assert.ok(wanted, `request for ${oid}, which the profile does not read`);
                    }
                }
            }
        });
    });

    describe("agent limited to 1,472-byte responses", () => {
        let sim: Simulator;
        before(async () => {
            sim = await startSimulator({
                devices: [{ name: "wlc", records: fixture.records, port: 0, dynamics: false }],
            });
        });
        after(() => sim?.stop());

        it("still reads everything, each response filled close to the limit", async () => {
            const before = sim.deviceCounters("wlc");
            const poll = await pollWith(sim, 25, "cisco-aireos");
            assert.deepEqual(poll.reading.totals, { clients: 5000, aps: 500 });
            assert.equal(poll.reading.clients.length, 5000);
            const after = sim.deviceCounters("wlc");
            const bytes = after.bytesOut - before.bytesOut;
            const lowerBound = Math.ceil(bytes / 1472);
            assert.ok(
                poll.requests <= Math.ceil(lowerBound * 1.25) + 2,
                `${poll.requests} round trips for ${bytes} bytes (at best ${lowerBound})`,
            );
        });
    });
});
