/**
 * Nothing lost on a default install: a real Node-RED in a child process, default settings (no
 * contextStorage), the package linked into its user directory. Readings go in over HTTP (an
 * `http in` node), outputs come out through core `file` nodes as JSON lines; the runtime is
 * redeployed, restarted, killed, and the state files are damaged, the way a user's would be.
 *
 * "Nothing was sent" is checked with a sentinel: a reading of another printer, critical at
 * once, sent after the reading under test through the same nodes. Messages through one path
 * stay in order, so when the sentinel's notification is out, anything the reading under test
 * would have caused is out too.
 */
import assert from "node:assert/strict";
import {
    existsSync,
    mkdirSync,
    mkdtempSync,
    readFileSync,
    readdirSync,
    rmSync,
    writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { VirtualPrinter } from "../../tools/forecast-synthetic";
import { loadDevices, startSimulator, type Simulator } from "../../tools/sim";
import { clientJoins, clientLeaves } from "../helpers/aireos-clients";
import { postJson, startChildRuntime, type ChildRuntime } from "../helpers/runtime";

type Msg = { topic?: string; payload?: unknown };
interface Line {
    from: string;
    topic?: string;
    payload: unknown;
}

const DAY = 86_400_000;
const HOUR = 3_600_000;
const START = Date.UTC(2024, 2, 4);

const TAB = "d0ab1e0000000000";
const FORECAST = "d0ab1e00000000f1";
const ALERT = "d0ab1e00000000a1";
const AP = "d0ab1e00000000c1";

function sleep(ms: number): Promise<void> {
    return new Promise((resolve) => setTimeout(resolve, ms));
}

async function eventually(test: () => boolean, timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!test() && Date.now() < deadline) await sleep(50);
}

/** A node that writes every message it gets to `file` as one JSON line, tagged with `from`. */
function capture(id: string, from: string, file: string): object[] {
    return [
        {
            id,
            z: TAB,
            type: "function",
            name: from,
            func: "msg.payload = JSON.stringify({ from: node.name, topic: msg.topic, payload: msg.payload });\nreturn msg;",
            outputs: 1,
            wires: [[`${id}w`]],
        },
        {
            id: `${id}w`,
            z: TAB,
            type: "file",
            filename: file,
            filenameType: "str",
            appendNewline: true,
            createDir: true,
            overwriteFile: "false",
            encoding: "none",
            wires: [[]],
        },
    ];
}

/** POST /feed/<name> with a JSON list of {topic, payload}: each becomes one message, in order. */
function feedEndpoint(id: string, name: string, to: string): object[] {
    return [
        {
            id,
            z: TAB,
            type: "http in",
            url: `/feed/${name}`,
            method: "post",
            upload: false,
            wires: [[`${id}s`, `${id}r`]],
        },
        { id: `${id}r`, z: TAB, type: "http response", statusCode: "204", headers: {}, wires: [] },
        {
            id: `${id}s`,
            z: TAB,
            type: "function",
            func: "return [msg.payload.map((m) => ({ topic: m.topic, payload: m.payload }))];",
            outputs: 1,
            wires: [[to]],
        },
    ];
}

/** printer readings -> supply-forecast -> threshold-alert, with every output that matters captured. */
function printerFlow(out: string, without: string[] = []): object[] {
    const nodes = [
        { id: TAB, type: "tab", label: "durable" },
        ...feedEndpoint("d0ab1e00000000e1", "printer", FORECAST),
        {
            id: FORECAST,
            z: TAB,
            type: "supply-forecast",
            name: "",
            days: 30,
            store: "",
            wires: [[ALERT], ["k2"], ["k3"]],
        },
        { id: ALERT, z: TAB, type: "threshold-alert", name: "", store: "", wires: [["k1"], []] },
        ...capture("k1", "notification", out),
        ...capture("k2", "event", out),
        ...capture("k3", "report", out),
    ];
    return nodes.filter((n) => !without.includes((n as { id: string }).id));
}

class Office {
    readonly printer = new VirtualPrinter(
        {
            host: "192.0.2.10",
            device: "Office",
            model: "Virtual LaserJet",
            pagesPerDay: 100,
            schedule: "continuous",
        },
        START,
    );
    private sentinels = 0;

    constructor() {
        this.printer.addSupply({ id: "1.1", name: "Black Toner", yieldPages: 3000, left: 0.6 });
        this.printer.addTray({ id: "1.2", name: "Tray 2", max: 500, sheets: 500 });
    }

    /** Readings every hour up to `untilMs`, the tray topped up at each (only the toner runs down). */
    readingsUntil(untilMs: number): Msg[] {
        const out: Msg[] = [];
        for (let t = this.printer.time + HOUR; t <= untilMs; t += HOUR) {
            this.printer.advance(t);
            for (const tray of this.printer.trays) tray.sheets = tray.max;
            out.push({ payload: this.printer.payload() });
        }
        return out;
    }

    /** A printer seen once, critical at once: its notification marks the end of what went before. */
    sentinel(): { msg: Msg; device: string } {
        const n = ++this.sentinels;
        const p = new VirtualPrinter(
            { host: `192.0.2.${100 + n}`, device: `Sentinel ${n}`, pagesPerDay: 1, schedule: "continuous" },
            this.printer.time,
        );
        p.addSupply({ id: "1.1", name: "Black Toner", yieldPages: 3000, left: 0.01 });
        return { msg: { payload: p.payload() }, device: `Sentinel ${n}` };
    }

    /** The same readings with the paper tray empty. */
    emptyTray(msgs: Msg[]): Msg[] {
        for (const m of msgs) {
            const p = m.payload as { trays: { level: number; percent: number; state: string }[] };
            p.trays = p.trays.map((t) => ({ ...t, level: 0, percent: 0, state: "empty" }));
        }
        return msgs;
    }

    report(): Msg {
        return { topic: "report", payload: { time: new Date(this.printer.time).toISOString() } };
    }
}

class Lines {
    private seen = 0;
    constructor(readonly file: string) {}

    all(): Line[] {
        if (!existsSync(this.file)) return [];
        return readFileSync(this.file, "utf8")
            .split("\n")
            .filter((l) => l !== "")
            .map((l) => JSON.parse(l) as Line);
    }

    /** Waits until a new line matches, and returns the new lines up to and including it. */
    next(match: (l: Line) => boolean, what: string): Promise<Line[]> {
        return this.allOf([match], what);
    }

    /** Waits until every matcher has matched a new line; returns the new lines up to the last match. */
    async allOf(matchers: ((l: Line) => boolean)[], what: string, timeoutMs = 15_000): Promise<Line[]> {
        const deadline = Date.now() + timeoutMs;
        for (;;) {
            const fresh = this.all().slice(this.seen);
            const at = matchers.map((m) => fresh.findIndex(m));
            if (at.every((i) => i >= 0)) {
                const end = Math.max(...at) + 1;
                this.seen += end;
                return fresh.slice(0, end);
            }
            if (Date.now() > deadline) {
                throw new Error(`timed out waiting for ${what}; new lines: ${JSON.stringify(fresh)}`);
            }
            await sleep(25);
        }
    }
}

/** POST to a feed; a deploy answers before its flows are up, so a missing endpoint is asked again. */
function post(rt: ChildRuntime, name: string, msgs: Msg[]): Promise<void> {
    return postJson(rt.url, `/feed/${name}`, msgs);
}

async function deploy(rt: ChildRuntime, flows: object[]): Promise<void> {
    const res = await fetch(`${rt.url}/flows`, {
        method: "POST",
        headers: { "Content-Type": "application/json", "Node-RED-Deployment-Type": "full" },
        body: JSON.stringify(flows),
    });
    assert.equal(res.status, 204, await res.text());
}

const notified = (device: string) => (l: Line) =>
    l.from === "notification" && (l.topic ?? "").startsWith(`${device}:`);

/** The last notification of the first two weeks and a half (after "runs out in about 14 days"). */
const lowToner = (l: Line): boolean => l.topic === "Office: black toner low (15 %)";

describe("durable state in a real Node-RED (default settings)", function () {
    this.timeout(120_000);
    let dir = "";
    let userDir = "";
    let out = "";
    let rt: ChildRuntime | undefined;

    beforeEach(() => {
        dir = mkdtempSync(join(tmpdir(), "snmp-office-durable-"));
        userDir = join(dir, "user");
        out = join(dir, "out.jsonl");
    });
    afterEach(async () => {
        await rt?.stop();
        rt = undefined;
        rmSync(dir, { recursive: true, force: true });
    });

    const start = async (
        options: { flows?: object[]; settings?: Record<string, unknown> } = {},
    ): Promise<ChildRuntime> => {
        rt = await startChildRuntime({ userDir, dashboard: false, ...options });
        return rt;
    };
    const stateFiles = (): string[] =>
        existsSync(join(userDir, "snmp-office")) ? readdirSync(join(userDir, "snmp-office")).sort() : [];

    const alertFile = (): string => join(userDir, "snmp-office", `${ALERT}.json`);

    /**
     * Waits until the alert is in the saved state, then the crash may come. The store writes within
     * a second of a change; five are allowed here for a busy machine (before, it took 30 s or never).
     */
    async function savedWithin(file: string, key: string): Promise<void> {
        const saved = (): boolean => existsSync(file) && readFileSync(file, "utf8").includes(`"${key}"`);
        await eventually(saved, 5_000);
        assert.ok(saved(), `${key} saved in ${file} within 5 s`);
    }

    /** Sends a reading and a sentinel; resolves with what came out before the sentinel's notification. */
    async function checkQuiet(
        runtime: ChildRuntime,
        lines: Lines,
        office: Office,
        msgs: Msg[],
    ): Promise<Line[]> {
        const s = office.sentinel();
        await post(runtime, "printer", [...msgs, s.msg]);
        const got = await lines.next(notified(s.device), `${s.device}'s notification`);
        return got.slice(0, -1);
    }

    it("keeps forecast history and alert state over a full deploy, a restart and a crash", async () => {
        const office = new Office();
        const lines = new Lines(out);
        let runtime = await start({ flows: printerFlow(out) });

        // Two weeks and a half: 60 % to about 12 %, "low" once on the way (at 15 %), and the forecast
        // alert (runs out within 14 days, a default) before it.
        await post(runtime, "printer", office.readingsUntil(START + 14.5 * DAY));
        const raised = (await lines.next(lowToner, "the low toner alert")).filter(notified("Office"));
        assert.deepEqual(
            raised.map((l) => l.topic),
            ["Office: black toner runs out in about 14 days", "Office: black toner low (15 %)"],
        );
        await post(runtime, "printer", [office.report()]);
        const [reported] = await lines.next((l) => l.from === "report", "the report");
        const report = reported?.payload as { groups?: unknown[] };
        assert.ok(Array.isArray(report.groups) && report.groups.length > 0, JSON.stringify(report));
        // Written within a second of the change (more allowed here, for a busy machine).
        // The final names: a write in progress shows a temporary file beside them for a moment.
        const both = [`${ALERT}.json`, `${FORECAST}.json`].join();
        await eventually(() => stateFiles().join() === both, 15_000);
        assert.deepEqual(stateFiles(), [`${ALERT}.json`, `${FORECAST}.json`], "one file per node");

        // A full deploy: both nodes are closed and created again.
        await deploy(runtime, printerFlow(out));
        await post(runtime, "printer", [office.report()]);
        const [afterDeploy] = await lines.next((l) => l.from === "report", "the report after the deploy");
        assert.deepEqual(afterDeploy?.payload, report, "the forecast is unchanged by a full deploy");
        assert.deepEqual(
            await checkQuiet(runtime, lines, office, office.readingsUntil(office.printer.time + HOUR)),
            [],
            "no repeat after the deploy",
        );

        // A restart of Node-RED.
        await post(runtime, "printer", [office.report()]);
        const [beforeRestart] = await lines.next((l) => l.from === "report", "the report before the restart");
        await runtime.stop();
        runtime = await start();
        await post(runtime, "printer", [office.report()]);
        const [afterRestart] = await lines.next((l) => l.from === "report", "the report after the restart");
        assert.deepEqual(
            afterRestart?.payload,
            beforeRestart?.payload,
            "the forecast is unchanged by a restart",
        );
        assert.deepEqual(
            await checkQuiet(runtime, lines, office, office.readingsUntil(office.printer.time + HOUR)),
            [],
            "no repeat after the restart",
        );

        // The cartridge is replaced after the restart: the alert clears, the forecast knows its whole life.
        office.printer.replace("1.1");
        await post(runtime, "printer", office.readingsUntil(office.printer.time + HOUR));
        const isReplaced = (l: Line): boolean =>
            l.from === "event" && (l.payload as { event?: string }).event === "replaced";
        const after = await lines.allOf(
            [isReplaced, (l) => l.topic === "Office: black toner ok again (99 %)"],
            "the replaced event and the clear",
        );
        const removed = (after.find(isReplaced)?.payload as { removed: { days: number; startLevel: number } })
            .removed;
        assert.ok(
            removed.days >= 14,
            `the old cartridge's life began before the restart: ${JSON.stringify(removed)}`,
        );
        assert.equal(removed.startLevel, 59, "the level of the first reading, two weeks before the restart");

        // A crash (SIGKILL) a few seconds after an alert: the alert is not sent again.
        await post(runtime, "printer", office.emptyTray(office.readingsUntil(office.printer.time + HOUR)));
        await lines.next(
            (l) => notified("Office")(l) && (l.topic ?? "").includes("Tray 2"),
            "the tray alert",
        );
        await savedWithin(alertFile(), "192.0.2.10/tray/1.2");
        await runtime.kill();
        runtime = await start();
        const again = office.emptyTray(office.readingsUntil(office.printer.time + HOUR));
        assert.deepEqual(await checkQuiet(runtime, lines, office, again), [], "no repeat after a crash");

        // The node is deleted: its file goes; the other node's stays.
        await deploy(runtime, printerFlow(out, [ALERT]));
        assert.deepEqual(stateFiles(), [`${FORECAST}.json`], "removed by the deploy that deleted the node");
        assert.doesNotMatch(
            runtime.output(),
            /\[(warn|error)\] \[(threshold-alert|supply-forecast)/,
            runtime.output(),
        );
        assert.doesNotMatch(runtime.output(), /Encrypted credentials not found/);
    });

    it("sets a damaged state file aside, says so once, and carries on", async () => {
        mkdirSync(join(userDir, "snmp-office"), { recursive: true });
        const damaged =
            '{"format":"node-red-contrib-snmp-office state","version":1,"nodeId":"d0ab1e00000000a1","sta';
        writeFileSync(join(userDir, "snmp-office", `${ALERT}.json`), damaged);
        const office = new Office();
        const lines = new Lines(out);
        let runtime = await start({ flows: printerFlow(out) });
        await post(runtime, "printer", office.readingsUntil(START + 14.5 * DAY));
        await lines.next(lowToner, "the alert, from a fresh state");

        const warnings = runtime.output().match(/\[warn\].*set aside.*/g) ?? [];
        assert.equal(warnings.length, 1, runtime.output());
        assert.match(
            warnings[0] ?? "",
            new RegExp(
                `threshold-alert:${ALERT}.*${ALERT}\\.json set aside as ${ALERT}\\.json\\.bad-\\d{8}T\\d{6}Z: it is not valid JSON`,
            ),
        );
        const aside = stateFiles().find((f) => f.includes(".bad-")) ?? "";
        assert.equal(readFileSync(join(userDir, "snmp-office", aside), "utf8"), damaged, "kept as it was");

        await runtime.stop();
        runtime = await start();
        assert.deepEqual(
            await checkQuiet(runtime, lines, office, office.readingsUntil(office.printer.time + HOUR)),
            [],
        );
        assert.doesNotMatch(runtime.output(), /set aside/, "said once, not at every start");
    });

    it("keeps using a persistent context store, and a crash within its flush interval repeats nothing", async () => {
        // localfilesystem writes its cache to disk every 30 s; the journal is written within a second.
        const settings = { contextStorage: { default: { module: "localfilesystem" } } };
        const office = new Office();
        const lines = new Lines(out);
        let runtime = await start({ flows: printerFlow(out), settings });
        await post(runtime, "printer", office.readingsUntil(START + 14.5 * DAY));
        await lines.next(lowToner, "the alert");
        await savedWithin(alertFile(), "192.0.2.10/supply/1.1");
        await runtime.kill();
        runtime = await start({ settings });
        assert.deepEqual(
            await checkQuiet(runtime, lines, office, office.readingsUntil(office.printer.time + HOUR)),
            [],
            "no repeat after a crash",
        );

        await runtime.stop();
        const context = JSON.parse(readFileSync(join(userDir, "context", TAB, `${ALERT}.json`), "utf8")) as {
            alerts?: { keys?: object };
        };
        assert.ok(
            context.alerts?.keys && Object.keys(context.alerts.keys).length > 0,
            "the state is in the context store, as before",
        );
    });

    describe("ap-clients", () => {
        let sim: Simulator | undefined;
        const DEVICE = "cisco-aireos";
        before(async () => {
            sim = await startSimulator({
                devices: loadDevices([join(__dirname, "..", "fixtures", "wireless", `${DEVICE}.snmprec`)], {
                    dynamics: false,
                    port: 0,
                    community: "public",
                }),
            });
        });
        after(async () => {
            await sim?.stop();
        });

        function apFlow(): object[] {
            const ep = (sim as Simulator).endpoint(DEVICE);
            return [
                { id: TAB, type: "tab", label: "durable" },
                {
                    id: "d0ab1e00000000c0",
                    type: "snmp-credentials",
                    version: "2c",
                    timeout: 2000,
                    retries: 0,
                },
                ...feedEndpoint("d0ab1e00000000e2", "ap", AP),
                {
                    id: AP,
                    z: TAB,
                    type: "ap-clients",
                    snmp: "d0ab1e00000000c0",
                    devices: `${ep.host}:${ep.port} WLC`,
                    vendor: "auto",
                    wires: [["k4"], [], ["k5"]],
                },
                ...capture("k4", "reading", out),
                ...capture("k5", "client", out),
            ];
        }

        it("reports after a restart only who came or went meanwhile", async () => {
            const lines = new Lines(out);
            let runtime = await start({ flows: apFlow() });
            await post(runtime, "ap", [{ payload: "" }]);
            const first = await lines.next((l) => l.from === "reading", "the first poll");
            assert.deepEqual(
                first.filter((l) => l.from === "client"),
                [],
                "the first poll only learns who is there",
            );
            await sleep(1_500);
            await runtime.stop();

            // Meanwhile a4:83:e7:00:00:02 leaves and a4:83:e7:00:00:07 joins.
            clientLeaves(sim as Simulator, DEVICE, "a4:83:e7:00:00:02");
            clientJoins(sim as Simulator, DEVICE, {
                mac: "a4:83:e7:00:00:07",
                apMac: "00:3a:7d:10:00:30",
                ssid: "Office",
            });

            runtime = await start();
            await post(runtime, "ap", [{ payload: "" }]);
            const polled = await lines.next((l) => l.from === "reading", "the poll after the restart");
            // The events of a poll go out with its reading; the next poll marks their end.
            await post(runtime, "ap", [{ payload: "" }]);
            const more = await lines.next((l) => l.from === "reading", "one more poll");
            const events = [...polled, ...more].filter((l) => l.from === "client");
            assert.deepEqual(
                events.map((l) => [
                    (l.payload as { event: string }).event,
                    (l.payload as { mac: string }).mac,
                ]),
                [
                    ["joined", "a4:83:e7:00:00:07"],
                    ["left", "a4:83:e7:00:00:02"],
                ],
            );
        });
    });
});
