/**
 * Faults on demand: delay and jitter (measured from the PDU log), seeded loss, down; global and
 * per device, changed at run time.
 */
import assert from "node:assert/strict";
import { startSimulator, type Simulator } from "../../tools/sim/index";
import { Client, fixture } from "./helpers";

const SYS_NAME = "1.3.6.1.2.1.1.5.0";
const laser = fixture("printers/colour-laser.snmprec");
const inkjet = fixture("printers/inkjet.snmprec");

describe("simulator: faults", function () {
    let sim: Simulator;
    let clients: Client[] = [];

    function client(name: string, timeout = 2000): Client {
        const c = Client.community(sim.endpoint(name), "2c", { timeout });
        clients.push(c);
        return c;
    }

    beforeEach(async function () {
        sim = await startSimulator({
            devices: [
                { name: "laser", file: laser },
                { name: "inkjet", file: inkjet },
            ],
            seed: 42,
        });
    });

    afterEach(async function () {
        for (const c of clients) c.close();
        clients = [];
        await sim.stop();
    });

    it("delays answers by delayMs, as the log's timestamps show", async function () {
        sim.setFaults("laser", { delayMs: 150 });
        await client("laser").get([SYS_NAME]);
        await client("inkjet").get([SYS_NAME]);
        const [slow, fast] = sim.log.slice(-2);
        assert.equal(slow!.device, "laser");
        assert.ok(slow!.answeredAt! - slow!.receivedAt >= 149, `${slow!.answeredAt! - slow!.receivedAt} ms`);
        assert.equal(fast!.device, "inkjet");
        assert.ok(fast!.answeredAt! - fast!.receivedAt < 100, "the other device is not delayed");
    });

    it("adds jitter in [0, jitterMs)", async function () {
        sim.setFaults({ jitterMs: 60 });
        const c = client("laser");
        for (let i = 0; i < 6; i++) await c.get([SYS_NAME]);
        const delays = sim.log.map((e) => e.answeredAt! - e.receivedAt);
        // Timers may fire late on a busy machine, never early.
        for (const d of delays) assert.ok(d >= 0 && d < 60 + 250, `${d} ms`);
        assert.ok(new Set(delays.map((d) => Math.round(d))).size > 1, "not all equal");
    });

    it("loses requests at lossRate, in the same pattern for the same seed", async function () {
        const pattern = async (s: Simulator): Promise<string> => {
            s.setFaults("laser", { lossRate: 0.5 });
            const c = Client.community(s.endpoint("laser"), "2c", { timeout: 200 });
            clients.push(c);
            // All at once: the datagrams arrive in the order sent, so the draws are the same.
            await Promise.all(Array.from({ length: 40 }, () => c.get([SYS_NAME]).catch(() => undefined)));
            return s.log.map((e) => (e.outcome === "dropped" ? "x" : ".")).join("");
        };
        const first = await pattern(sim);
        const lost = [...first].filter((ch) => ch === "x").length;
        assert.ok(lost >= 8 && lost <= 32, `${lost} of 40 lost`);
        assert.equal(sim.counters.lost, lost);
        const again = await startSimulator({ devices: [{ name: "laser", file: laser }], seed: 42 });
        const other = await startSimulator({ devices: [{ name: "laser", file: laser }], seed: 7 });
        try {
            assert.equal(await pattern(again), first);
            assert.notEqual(await pattern(other), first);
        } finally {
            await again.stop();
            await other.stop();
        }
    });

    it("stops answering when down, and answers again when back up", async function () {
        const c = client("laser", 300);
        sim.setFaults("laser", { down: true });
        await assert.rejects(c.get([SYS_NAME]), { name: "RequestTimedOutError" });
        assert.equal(sim.deviceCounters("laser").down, 1);
        assert.equal(sim.log[sim.log.length - 1]!.detail, "down");
        sim.setFaults("laser", { down: false });
        assert.equal(String((await c.get([SYS_NAME]))[0]!.value), "NPI4A2B6C");
    });

    it("applies global faults to every device, with a device's own faults taking precedence", async function () {
        sim.setFaults({ down: true });
        sim.setFaults("inkjet", { down: false });
        await assert.rejects(client("laser", 300).get([SYS_NAME]), { name: "RequestTimedOutError" });
        assert.equal(String((await client("inkjet").get([SYS_NAME]))[0]!.value), "EPSON8A4C21");
    });
});
