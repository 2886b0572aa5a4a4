// Flow tests: the real supply-forecast node in a Node-RED runtime (node-red-node-test-helper),
// fed printer-supplies device messages with injected times (simulated days, not waited for).
import assert from "node:assert/strict";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
// A node module is `export =` (what Node-RED loads); this is how TypeScript imports it.
// eslint-disable-next-line @typescript-eslint/no-require-imports
import forecastNode = require("../../nodes/supply-forecast");
import { VirtualPrinter } from "../../tools/forecast-synthetic";
import { helper } from "../helpers/nodered";
import { HISTORY_DAYS, historyReadings } from "../lib/forecast-history";

interface Msg {
    _msgid?: string;
    topic?: string;
    payload?: unknown;
    status?: { fill?: string; shape?: string; text?: string };
    error?: { message: string };
}

interface ContextModule {
    load(): Promise<void>;
    close(): Promise<void>;
    init(settings: object): void;
}

/** What these tests use of a node: sending it messages, listening, and its status spy. */
interface TestNode {
    receive(msg: Msg): void;
    on(event: "input", listener: (msg: Msg) => void): void;
    /** Node-RED's status method, wrapped in a sinon spy by the helper. */
    status: { args: unknown[][]; thisValues: unknown[] };
}

function node(id: string): TestNode {
    const n = helper.getNode(id);
    assert.ok(n, `node ${id} is not running`);
    return n as unknown as TestNode;
}

/** Stops the flows without cleaning context (the first half of a Node-RED shutdown). */
const clearFlows = (): Promise<void> => (helper as unknown as { clearFlows(): Promise<void> }).clearFlows();

// The context module the helper's runtime uses, to open and close a file store as Node-RED does.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const context = require("@node-red/runtime/lib/nodes/context") as ContextModule;

const DAY = 86_400_000;
const HOUR = 3_600_000;
const START = Date.UTC(2024, 0, 1);

interface Supply {
    id: string;
    name: string;
    forecast?: { daysLeft: number | null; reason?: string; ratePerDay?: number; pagesLeft?: number | null };
}

interface DevicePayload {
    supplies: Supply[];
    trays: Supply[];
}

function flow(config: Record<string, unknown> = {}): object[] {
    return [
        {
            id: "f",
            type: "supply-forecast",
            name: "",
            days: 30,
            store: "",
            ...config,
            wires: [["o1"], ["o2"], ["o3"]],
        },
        { id: "o1", type: "helper" },
        { id: "o2", type: "helper" },
        { id: "o3", type: "helper" },
        { id: "c", type: "catch", scope: ["f"], uncaught: false, wires: [["caught"]] },
        { id: "caught", type: "helper" },
        { id: "s", type: "status", scope: ["f"], wires: [["statuses"]] },
        { id: "statuses", type: "helper" },
    ];
}

interface Outputs {
    o1: Msg[];
    o2: Msg[];
    o3: Msg[];
    caught: Msg[];
    statuses: Msg[];
}

function collect(): Outputs {
    const out: Outputs = { o1: [], o2: [], o3: [], caught: [], statuses: [] };
    for (const id of Object.keys(out) as Array<keyof Outputs>) {
        node(id).on("input", (msg) => out[id].push(msg));
    }
    return out;
}

async function until(cond: () => boolean, what: string): Promise<void> {
    for (let i = 0; i < 2000 && !cond(); i++) await new Promise((resolve) => setTimeout(resolve, 1));
    assert.ok(cond(), `timed out waiting for ${what}`);
}

/** Sends one message and waits for it to come out of `list` (output 1, 3 or the catch). */
async function send(msg: Msg, list: Msg[]): Promise<Msg> {
    const before = list.length;
    node("f").receive(msg);
    await until(() => list.length > before, "the node's answer");
    return list[list.length - 1] as Msg;
}

function office(start = START): VirtualPrinter {
    const p = new VirtualPrinter(
        {
            host: "192.0.2.10",
            device: "Office",
            model: "HP LaserJet Pro M402dn",
            pagesPerDay: 100,
            schedule: "continuous",
        },
        start,
    );
    p.addSupply({ id: "1.1", name: "Black Cartridge HP CF226X", yieldPages: 3000, left: 0.6 });
    p.addTray({ id: "1.2", name: "Tray 2", max: 500, sheets: 500 });
    return p;
}

/** Polls the printer hourly from its current time up to `toDay`, through the node. */
async function feed(
    p: VirtualPrinter,
    out: Outputs,
    toDay: number,
    act?: (day: number) => void,
): Promise<Msg> {
    let last: Msg | null = null;
    for (let t = p.time; t <= START + toDay * DAY; t += HOUR) {
        act?.((t - START) / DAY);
        p.advance(t);
        last = await send({ payload: p.payload() }, out.o1);
    }
    assert.ok(last);
    return last;
}

describe("supply-forecast node", function () {
    afterEach(async function () {
        await helper.unload();
    });

    it("adds a forecast to every supply and tray, reports replacements, shows a summary", async function () {
        await helper.load(forecastNode, flow());
        const out = collect();
        const p = office();
        const last = await feed(p, out, 14, (day) => {
            if (day === 8) p.replace("1.1");
            if (day > 0 && day % 4 === 0) p.trays[0]!.sheets = 500;
        });
        const payload = last.payload as DevicePayload;
        const toner = payload.supplies[0]!.forecast;
        assert.ok(toner && toner.daysLeft !== null, JSON.stringify(toner));
        // 3⅓ %/day (100 pages a day from 3,000).
        const truth = (p.supplies[0]!.left * 3000) / 100;
        assert.ok(Math.abs(toner.daysLeft - truth) <= 0.1 * truth, `${toner.daysLeft} vs ${truth}`);
        assert.ok(Math.abs((toner.ratePerDay as number) - 10 / 3) < 0.2);
        const tray = payload.trays[0]!.forecast;
        assert.ok(tray && tray.daysLeft !== null, JSON.stringify(tray));
        assert.equal(tray.pagesLeft, Math.round(p.trays[0]!.sheets));
        // Every reading came back on output 1, each the message that went in.
        assert.equal(out.o1.length, 14 * 24 + 1);
        assert.equal(new Set(out.o1.map((m) => m._msgid)).size, out.o1.length);

        const events = out.o2.map(
            (m) => m.payload as { event: string; kind: string; id: string; text: string },
        );
        assert.deepEqual(
            events.map((e) => `${e.event} ${e.kind} ${e.id}`),
            ["refilled tray 1.2", "replaced supply 1.1", "refilled tray 1.2", "refilled tray 1.2"],
        );
        assert.equal(out.o2[1]!.topic, "Office Black Cartridge HP CF226X");
        assert.match(
            events[1]!.text,
            /^Office: Black Cartridge HP CF226X replaced after at least 79\d pages \/ 8 days$/,
        );
        assert.deepEqual(out.o3, []);
        assert.deepEqual(out.caught, []);
        const status = out.statuses[out.statuses.length - 1]?.status;
        assert.deepEqual(
            { fill: status?.fill, shape: status?.shape, text: status?.text },
            { fill: "green", shape: "dot", text: "1 supply, 1 soon" },
        );
    });

    it('answers msg.topic "report" with the shopping list on output 3', async function () {
        await helper.load(forecastNode, flow({ days: 20 }));
        const out = collect();
        const p = office();
        await feed(p, out, 6);
        const time = new Date(START + 6 * DAY).toISOString();
        const report = await send({ topic: "report", payload: { time } }, out.o3);
        const list = report.payload as {
            time: string;
            days: number;
            count: number;
            groups: Array<{ model: string; partNumber: string; items: Array<{ daysLeft: number }> }>;
            text: string;
        };
        assert.equal(list.time, time);
        assert.equal(list.days, 20);
        // 40 % left at 3⅓ %/day: 12 days, inside the 20-day horizon.
        assert.equal(list.count, 1);
        assert.equal(list.groups[0]?.partNumber, "CF226X");
        const daysLeft = list.groups[0]?.items[0]?.daysLeft as number;
        assert.ok(Math.abs(daysLeft - 12) <= 1.2, `${daysLeft} days`);
        assert.equal(list.text, "1× CF226X (HP LaserJet Pro M402dn)");
        assert.equal(report.topic, "report");
        assert.equal(out.o1.length, 6 * 24 + 1, "a report is not a reading");
    });

    it("passes unreachable-printer messages through, sends bad input to Catch and carries on", async function () {
        await helper.load(forecastNode, flow());
        const out = collect();
        const down = {
            device: "Office",
            host: "192.0.2.10",
            reachable: false,
            time: new Date(START).toISOString(),
        };
        const passed = await send({ payload: down }, out.o1);
        assert.deepEqual(passed.payload, down);

        const caught = await send({ topic: "oops", payload: 42 }, out.caught);
        assert.match(caught.error?.message as string, /not-device/);
        const noHost = await send({ payload: { supplies: [] } }, out.caught);
        assert.match(noHost.error?.message as string, /no-host/);

        const p = office();
        const last = await feed(p, out, 1);
        assert.deepEqual((last.payload as DevicePayload).supplies[0]!.forecast, {
            daysLeft: null,
            reason: "insufficient data",
        });
        assert.equal(out.caught.length, 2);
    });

    it("an invalid report horizon shows a red ring and refuses messages with an error", async function () {
        await helper.load(forecastNode, flow({ days: "soon" }));
        const out = collect();
        const caught = await send({ payload: office().payload() }, out.caught);
        assert.match(caught.error?.message as string, /bad-days/);
        assert.deepEqual(out.o1, []);
        // Set in the constructor, before a Status node could pass it on: read the node's own.
        const f = node("f");
        const calls = f.status.args.filter((_, i) => f.status.thisValues[i] === f);
        assert.deepEqual(calls[calls.length - 1]?.[0], {
            fill: "red",
            shape: "ring",
            text: "supply-forecast.status.bad-config",
        });
    });

    describe("with a file context store", function () {
        let dir = "";
        beforeEach(function () {
            dir = mkdtempSync(join(tmpdir(), "supply-forecast-"));
            helper.settings({ contextStorage: { file: { module: "localfilesystem", config: { dir } } } });
        });
        afterEach(function () {
            helper.settings({ contextStorage: {} });
            rmSync(dir, { recursive: true, force: true });
        });

        it("keeps history across a restart", async function () {
            await helper.load(forecastNode, flow({ store: "file" }));
            await context.load();
            let out = collect();
            const p = office();
            const before = await feed(p, out, 5);
            assert.notEqual((before.payload as DevicePayload).supplies[0]!.forecast?.daysLeft, null);

            // Stop as Node-RED does: flows first (the node saves), then the context stores (flush).
            await clearFlows();
            await context.close();
            const files = readdirSync(join(dir, "context"), { recursive: true })
                .map(String)
                .filter((f) => f.endsWith(".json"));
            const saved = files.map(
                (f) => JSON.parse(readFileSync(join(dir, "context", f), "utf8")) as { history?: unknown },
            );
            assert.ok(
                saved.some((c) => c.history !== undefined),
                `no history in ${files.join(", ")}`,
            );
            // Forget everything in memory before starting again.
            context.init({});
            await helper.unload();

            await helper.load(forecastNode, flow({ store: "file" }));
            await context.load();
            out = collect();
            // The first reading after the restart is already dated: the five days came back.
            p.advance(p.time + HOUR);
            const first = await send({ payload: p.payload() }, out.o1);
            const fc = (first.payload as DevicePayload).supplies[0]!.forecast;
            assert.ok(fc && fc.daysLeft !== null, JSON.stringify(fc));
            const truth = (p.supplies[0]!.left * 3000) / 100;
            assert.ok(Math.abs(fc.daysLeft - truth) <= 0.1 * truth, `${fc.daysLeft} vs ${truth}`);
            // And a replacement after the restart knows when the old cartridge was first seen.
            p.replace("1.1");
            p.advance(p.time + HOUR);
            await send({ payload: p.payload() }, out.o1);
            const replaced = out.o2.map((m) => m.payload as { event: string; removed: { days: number } });
            assert.equal(replaced[0]?.event, "replaced");
            assert.ok(Math.abs(replaced[0].removed.days - 5.1) < 0.2, `${replaced[0]?.removed.days} days`);
        });

        it("reads history an older version stored, and saves it back in the current format", async function () {
            await helper.load(forecastNode, flow({ store: "file" }));
            await context.load();
            const out = collect();
            // What version 1 of this node left in its context store (test/fixtures/forecast).
            const v1: unknown = JSON.parse(
                readFileSync(join(__dirname, "..", "fixtures", "forecast", "state-v1.json"), "utf8"),
            );
            await new Promise<void>((resolve, reject) =>
                helper
                    .getNode("f")!
                    .context()
                    .set("history", v1, "file", (err?: Error) => (err ? reject(err) : resolve())),
            );
            // The first reading after the upgrade is already dated: six weeks of history came back.
            const office = historyReadings(HISTORY_DAYS + 0.25)[0]!;
            const first = await send({ payload: office }, out.o1);
            const black = (first.payload as DevicePayload).supplies[0]!.forecast;
            assert.ok(black && black.daysLeft !== null, JSON.stringify(black));
            const warned = helper.log().args.flat() as { level?: number; msg?: unknown }[];
            assert.deepEqual(
                warned.filter((e) => /history/.test(String(e?.msg))).map((e) => e.msg),
                [],
            );

            await clearFlows();
            await context.close();
            const saved = readdirSync(join(dir, "context"), { recursive: true })
                .map(String)
                .filter((f) => f.endsWith(".json"))
                .map(
                    (f) => JSON.parse(readFileSync(join(dir, "context", f), "utf8")) as { history?: unknown },
                )
                .map((c) => c.history as { version?: number; rows?: object } | undefined)
                .filter((h) => h !== undefined);
            assert.equal(saved.length, 1);
            assert.equal(saved[0]?.version, 2);
            assert.ok(Object.keys(saved[0]?.rows ?? {}).length >= 7);
        });
    });
});
