/**
 * End to end: a simulated printer drains over simulated weeks, polled by the real
 * printer-supplies node, and its readings go through the real supply-forecast node. The
 * simulator's clock is injected, so weeks pass in seconds; the reading's time is the simulated
 * time (the forecast takes the sample time from `payload.time`).
 */
import assert from "node:assert/strict";
import type { EventEmitter } from "node:events";
import { join } from "node:path";
import type { NodeMessage } from "node-red";
import { startSimulator, type Simulator } from "../../tools/sim";
import { allNodes, helper } from "../helpers/nodered";

const FIXTURE = join(__dirname, "..", "fixtures", "printers", "colour-laser.snmprec");
const HOUR = 3_600_000;

interface Supply {
    id: string;
    percent: number | null;
    forecast?: { daysLeft: number | null; emptyOn?: string; reason?: string };
}

describe("printer-supplies → supply-forecast over simulated weeks", function () {
    this.timeout(60_000);
    let sim: Simulator;
    let now = Date.UTC(2026, 0, 5, 8, 0, 0);

    before(async () => {
        await helper.startServer();
        sim = await startSimulator({
            devices: [{ name: "laser", file: FIXTURE, port: 0, dynamics: { printer: { pagesPerHour: 5 } } }],
            clock: () => now,
        });
    });
    after(async () => {
        await helper.unload();
        await helper.stopServer();
        await sim.stop();
    });

    it("predicts when the black toner runs out, and sees the new cartridge go in", async () => {
        const ep = sim.endpoint("laser");
        await helper.load(allNodes(), [
            { id: "c1", type: "snmp-credentials", version: "2c", timeout: 2000, retries: 0 },
            {
                id: "p1",
                type: "printer-supplies",
                snmp: "c1",
                devices: `${ep.host}:${ep.port} Copy room`,
                wires: [["h1"], []],
            },
            { id: "f1", type: "supply-forecast", days: 30, wires: [["h2"], ["h3"], ["h4"]] },
            { id: "h1", type: "helper" },
            { id: "h4", type: "helper" },
            { id: "h2", type: "helper" },
            { id: "h3", type: "helper" },
        ]);
        const printer = helper.getNode("p1");
        const forecast = helper.getNode("f1");
        const readings = helper.getNode("h1");
        const forecasts = helper.getNode("h2");
        const events = helper.getNode("h3");
        assert.ok(printer && forecast && readings && forecasts && events);

        const replaced: { id: string; time: string }[] = [];
        (events as unknown as EventEmitter).on(
            "input",
            (msg: NodeMessage & { payload?: { event?: string; id?: string; time?: string } }) => {
                if (msg.payload?.event === "replaced")
                    replaced.push({ id: msg.payload.id ?? "", time: msg.payload.time ?? "" });
            },
        );
        const next = (node: typeof readings): Promise<NodeMessage> =>
            new Promise((resolve) => node.once("input", (m: NodeMessage) => resolve(m)));

        // Poll every 3 simulated hours until the black toner (1.1) has been replaced.
        const predictions: { at: number; emptyOn: number }[] = [];
        let blackReplacedAt: number | undefined;
        let firstCount: number | undefined;
        let lastCount: number | undefined;
        for (let poll = 0; poll < 24 * 8 && blackReplacedAt === undefined; poll++) {
            now += 3 * HOUR;
            sim.advance(3 * HOUR);
            const got = next(readings);
            printer.receive({ payload: "poll" });
            const reading = (await got) as NodeMessage & {
                payload: { time: string; reachable: boolean; pages: { total?: number } };
            };
            assert.equal(reading.payload.reachable, true);
            firstCount ??= reading.payload.pages.total;
            lastCount = reading.payload.pages.total;
            reading.payload.time = new Date(now).toISOString();
            const out = next(forecasts);
            forecast.receive(reading as unknown as Record<string, unknown>);
            const msg = (await out) as NodeMessage & { payload: { supplies: Supply[] } };
            const black = msg.payload.supplies.find((s) => s.id === "1.1");
            assert.ok(black?.forecast, "every supply carries a forecast (or the reason there is none)");
            if (typeof black.forecast.daysLeft === "number" && black.forecast.emptyOn) {
                predictions.push({ at: now, emptyOn: Date.parse(black.forecast.emptyOn) });
            } else if (now - Date.UTC(2026, 0, 5, 8) < 2 * 24 * HOUR) {
                assert.equal(black.forecast.reason, "insufficient data", "no guess in the first days");
            }
            if (replaced.some((r) => r.id === "1.1")) blackReplacedAt = now;
        }

        assert.ok(blackReplacedAt !== undefined, "the simulated cartridge ran out and was replaced");
        assert.equal(
            replaced.filter((r) => r.id === "1.1").length,
            1,
            "one replacement event for the black toner",
        );
        // Predictions made with at least 7 days of history and 3+ days still to go: within 10 % of
        // the time that was actually left (the printer is swapped at 2 %, the forecast aims at 0 %).
        const start = Date.UTC(2026, 0, 5, 8);
        const judged = predictions.filter(
            (p) => p.at - start >= 7 * 24 * HOUR && (blackReplacedAt ?? 0) - p.at >= 3 * 24 * HOUR,
        );
        assert.ok(judged.length >= 5, `${judged.length} predictions to judge`);
        if (process.env.SNMP_OFFICE_VERBOSE) {
            console.log(
                `    black toner replaced after ${((blackReplacedAt - start) / 24 / HOUR).toFixed(1)} simulated days; ${judged.length} predictions judged`,
            );
        }
        for (const p of judged) {
            const actual = (blackReplacedAt ?? 0) - p.at;
            const predicted = p.emptyOn - p.at;
            assert.ok(
                Math.abs(predicted - actual) <= 0.1 * actual + 24 * HOUR,
                `predicted ${(predicted / 24 / HOUR).toFixed(1)} d, actual ${(actual / 24 / HOUR).toFixed(1)} d`,
            );
        }

        // The usage report: every page the printer counted since the first poll, in its last 30 days.
        const usage = helper.getNode("h4");
        assert.ok(usage && firstCount !== undefined && lastCount !== undefined);
        const answer = next(usage);
        forecast.receive({ topic: "usage", payload: { time: new Date(now).toISOString() } });
        const report = (await answer) as NodeMessage & {
            payload: {
                printers: Array<{ device: string; pages: { total?: number }; last30Days: { total: number } }>;
            };
        };
        assert.deepEqual(
            report.payload.printers.map((x) => [x.device, x.pages.total, x.last30Days.total]),
            [["Copy room", lastCount, lastCount - firstCount]],
        );
        assert.ok(lastCount - firstCount > 0, "the simulated printer printed");
    });
});
