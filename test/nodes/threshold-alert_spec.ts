/**
 * The threshold-alert node in a running flow (node-red-node-test-helper): literal printer and AP
 * messages shaped like printer-supplies and ap-clients output go in; notifications, the active
 * list, the status and Catch messages are checked as a user would see them.
 */
import assert from "node:assert/strict";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";

import { helper as sharedHelper, type TestHelper } from "../helpers/nodered";

type Msg = Record<string, unknown>;
type Listener = (arg: never) => void;

/** The shared helper, with one more of its methods. */
const helper = sharedHelper as TestHelper & { clearFlows(): Promise<void> };

interface FlowNode {
    on(event: string, listener: Listener): void;
    receive(msg: Msg): void;
}

/** A node of the running flow, with the helper's `call:<method>` events. */
function node(id: string): FlowNode {
    const found = helper.getNode(id);
    assert.ok(found, `node ${id} is running`);
    return found as unknown as FlowNode;
}

interface ContextModule {
    load(): Promise<void>;
    close(): Promise<void>;
    init(settings: Msg): void;
}

interface NodeStatusArg {
    fill?: string;
    shape?: string;
    text?: string;
}

const load = createRequire(__filename);
const alertNode = load("../../nodes/threshold-alert") as unknown;
// The runtime's context module: the same instance the helper uses (it requires the same file).
const context = load("@node-red/runtime/lib/nodes/context") as ContextModule;

function flow(config: Msg = {}): Msg[] {
    return [
        { id: "f1", type: "tab", label: "alerts" },
        { id: "n1", z: "f1", type: "threshold-alert", name: "", ...config, wires: [["h1"], ["h2"]] },
        { id: "h1", z: "f1", type: "helper", wires: [] },
        { id: "h2", z: "f1", type: "helper", wires: [] },
        { id: "c1", z: "f1", type: "catch", scope: null, uncaught: false, wires: [["h3"]] },
        { id: "h3", z: "f1", type: "helper", wires: [] },
        { id: "d1", z: "f1", type: "complete", scope: ["n1"], uncaught: false, wires: [["h4"]] },
        { id: "h4", z: "f1", type: "helper", wires: [] },
    ];
}

function tick(): Promise<void> {
    return new Promise((resolve) => setImmediate(resolve));
}

async function until(test: () => boolean, what: string): Promise<void> {
    const deadline = Date.now() + 5000;
    while (!test()) {
        if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
        await tick();
    }
}

/** Listens on both outputs, the Catch node, the Complete node and the node status. */
class Probe {
    notes: Msg[] = [];
    lists: Msg[] = [];
    caught: Msg[] = [];
    completed = 0;
    statuses: NodeStatusArg[] = [];

    constructor() {
        node("h1").on("input", (m: Msg) => this.notes.push(m));
        node("h2").on("input", (m: Msg) => this.lists.push(m));
        node("h3").on("input", (m: Msg) => this.caught.push(m));
        node("h4").on("input", () => this.completed++);
        node("n1").on("call:status", (call: { args: [NodeStatusArg] }) => this.statuses.push(call.args[0]));
    }

    /**
     * Sends one message and returns what came out of it: the notifications, the active list as
     * last sent (output 2 goes out only when it changes) and whether this input sent it.
     */
    async feed(msg: Msg): Promise<{ notes: Msg[]; list: Msg; sent: boolean }> {
        const before = this.lists.length;
        const done = this.completed;
        node("n1").receive(msg);
        await until(() => this.completed > done, "the input to be handled");
        await tick();
        const list = this.lists[this.lists.length - 1];
        assert.ok(list, "an active list was sent at least once");
        return { notes: this.notes.splice(0), list, sent: this.lists.length > before };
    }

    async refused(msg: Msg): Promise<Msg> {
        const before = this.caught.length;
        node("n1").receive(msg);
        await until(() => this.caught.length > before, "a Catch message");
        const caught = this.caught[this.caught.length - 1];
        assert.ok(caught);
        return caught;
    }

    async status(): Promise<NodeStatusArg | undefined> {
        await tick();
        await tick();
        return this.statuses[this.statuses.length - 1];
    }
}

function at(day: number, hours: number, minutes = 0): string {
    return new Date(2024, 4, day, hours, minutes).toISOString();
}

/** A printer-supplies output-1 message. */
function printer(time: string, black: number, extra: Msg = {}): Msg {
    return {
        topic: "Office 2F",
        payload: {
            device: "Office 2F",
            host: "10.0.0.5",
            reachable: true,
            model: "HP LaserJet Pro M404dn",
            serial: "PHBQA12345",
            name: "NPI0A1B2C",
            location: "2nd floor, copy room",
            uptime: 86400,
            time,
            status: "idle",
            errors: [],
            alerts: [],
            supplies: [
                {
                    id: "1.1",
                    name: "Black Cartridge HP 58A",
                    type: "toner",
                    color: "black",
                    class: "consumed",
                    unit: "percent",
                    level: black,
                    max: 100,
                    percent: black,
                    state: black <= 15 ? "low" : "ok",
                },
                {
                    id: "1.2",
                    name: "Imaging Drum",
                    type: "opc",
                    color: null,
                    class: "consumed",
                    unit: "other",
                    level: -3,
                    max: -2,
                    percent: null,
                    state: "someRemaining",
                },
            ],
            trays: [
                { id: "1.2", name: "Tray 2", media: "A4", level: 250, max: 500, percent: 50, state: "ok" },
            ],
            outputs: [{ id: "1.1", name: "Standard bin", remaining: 150, max: 150, state: "ok" }],
            pageCount: 45012,
            quirks: [],
            ...extra,
        },
    };
}

function unreachable(time: string): Msg {
    return {
        topic: "Office 2F",
        payload: {
            device: "Office 2F",
            host: "10.0.0.5",
            reachable: false,
            time,
            error: { code: "timeout", message: "no answer from 10.0.0.5:161 in 5 s" },
        },
    };
}

/** An ap-clients output-1 message. */
function controller(
    time: string,
    aps: { id: string; name: string; clients: number; load?: string; utilisation?: number }[],
    clients: Msg[] = [],
): Msg {
    return {
        topic: "HQ controller",
        payload: {
            device: "HQ controller",
            host: "10.0.0.7",
            reachable: true,
            profile: "cisco-wlc",
            model: "AIR-CT3504-K9",
            time,
            totals: { clients: aps.reduce((n, a) => n + a.clients, 0), aps: aps.length },
            aps: aps.map((a, i) => ({
                ...a,
                mac: `00:3a:7d:00:00:${String(i % 100).padStart(2, "0")}`,
                ip: "10.0.1.10",
                radios: [{ id: "1", band: "5", channel: 36, clients: a.clients, noise: -95 }],
                ssids: [{ ssid: "Staff", clients: a.clients }],
            })),
            ssids: [{ ssid: "Staff", clients: aps.reduce((n, a) => n + a.clients, 0) }],
            clients,
            capabilities: { perClient: true, signal: "dBm" },
        },
    };
}

const topics = (notes: Msg[]): unknown[] => notes.map((n) => n.topic);

describe("threshold-alert node", function () {
    before(() => helper.startServer());
    after(() => helper.stopServer());
    afterEach(() => helper.unload());

    it("loads with its defaults and stays quiet while all is well", async () => {
        await helper.load([alertNode], flow());
        const probe = new Probe();
        const out = await probe.feed(printer(at(3, 9), 80));
        assert.deepEqual(out.notes, []);
        assert.deepEqual(out.list.payload, []);
        assert.deepEqual(out.list.summary, { critical: 0, warning: 0, watch: 1 });
        assert.deepEqual(
            (out.list.watch as Msg[]).map((w) => w.text),
            ["Office 2F: drum: some left, level not reported"],
        );
        assert.deepEqual(await probe.status(), {
            fill: "green",
            shape: "dot",
            text: "threshold-alert.status.ok",
        });
    });

    it("sends one notification that reads well by email, then one clear", async () => {
        await helper.load([alertNode], flow());
        const probe = new Probe();
        await probe.feed(printer(at(3, 9), 40));
        const low = await probe.feed(printer(at(3, 10, 5), 8));
        assert.deepEqual(low.notes, [
            {
                _msgid: low.notes[0]?._msgid,
                topic: "Office 2F: black toner low (8 %)",
                payload: [
                    "Black toner low (8 %).",
                    "Printer: Office 2F (10.0.0.5)",
                    "Supply: Black Cartridge HP 58A",
                    "Level: warning, was ok; warning at or below 15 %",
                    "Since: 2024-05-03 10:05",
                    "What to do: Replace the black toner cartridge soon.",
                ].join("\n"),
                alert: {
                    key: "10.0.0.5/supply/1.1",
                    device: "Office 2F",
                    host: "10.0.0.5",
                    item: "black toner",
                    kind: "supply",
                    severity: "warning",
                    previous: "ok",
                    value: 8,
                    unit: "%",
                    threshold: 15,
                    since: at(3, 10, 5),
                    repeat: 0,
                    change: "raised",
                },
            },
        ]);
        assert.deepEqual(await probe.status(), { fill: "yellow", shape: "ring", text: "1 warning" });
        assert.deepEqual((await probe.feed(printer(at(3, 11), 7))).notes, [], "still low: nothing new");
        const clear = await probe.feed(printer(at(4, 9), 100));
        assert.deepEqual(topics(clear.notes), ["Office 2F: black toner ok again (100 %)"]);
        assert.equal((clear.notes[0]?.alert as Msg).change, "cleared");
        assert.deepEqual(clear.list.payload, []);
        assert.deepEqual(await probe.status(), {
            fill: "green",
            shape: "dot",
            text: "threshold-alert.status.ok",
        });
    });

    it("handles trays, printer flags and output bins", async () => {
        await helper.load([alertNode], flow());
        const probe = new Probe();
        const out = await probe.feed(
            printer(at(3, 9), 80, {
                errors: ["jammed", "doorOpen", "noPaper"],
                trays: [
                    {
                        id: "1.2",
                        name: "Tray 2",
                        media: "A4",
                        level: 0,
                        max: 500,
                        percent: 0,
                        state: "empty",
                    },
                ],
                outputs: [{ id: "1.1", name: "Standard bin", remaining: 0, max: 150, state: "full" }],
            }),
        );
        assert.deepEqual(topics(out.notes), [
            "Office 2F: Tray 2 out of paper",
            "Office 2F: Standard bin full",
            "Office 2F: paper jam",
            "Office 2F: door open",
        ]);
        assert.deepEqual(
            (out.list.payload as Msg[]).map((r) => [r.severity, r.key]),
            [
                ["critical", "10.0.0.5/tray/1.2"],
                ["critical", "10.0.0.5/error/jammed"],
                ["warning", "10.0.0.5/output/1.1"],
                ["warning", "10.0.0.5/error/doorOpen"],
            ],
        );
        assert.deepEqual(await probe.status(), { fill: "red", shape: "ring", text: "2 critical, 2 warning" });
        const fixed = await probe.feed(printer(at(3, 9, 10), 80));
        assert.deepEqual(topics(fixed.notes), [
            "Office 2F: Tray 2 ok again (50 %)",
            "Office 2F: Standard bin ok again",
            "Office 2F: paper jam cleared",
            "Office 2F: door closed again",
        ]);
    });

    it("raises 'not answering' after 3 failed polls and clears it on the first good one", async () => {
        await helper.load([alertNode], flow());
        const probe = new Probe();
        await probe.feed(printer(at(3, 9), 8));
        assert.deepEqual((await probe.feed(unreachable(at(3, 9, 5)))).notes, []);
        assert.deepEqual((await probe.feed(unreachable(at(3, 9, 10)))).notes, []);
        const down = await probe.feed(unreachable(at(3, 9, 15)));
        assert.deepEqual(topics(down.notes), ["Office 2F: not answering (timeout)"]);
        assert.equal(
            (down.list.payload as Msg[]).length,
            2,
            "the toner alert stays while the printer is away",
        );
        const back = await probe.feed(printer(at(3, 9, 20), 8));
        assert.deepEqual(topics(back.notes), ["Office 2F: answering again"]);
    });

    it("watches access points: load, disappearance and return, and client signal", async () => {
        await helper.load([alertNode], flow({ signalWarning: "-80" }));
        const probe = new Probe();
        const lobby = { id: "ap-1", name: "Lobby", clients: 12 };
        const canteen = { id: "ap-2", name: "Canteen", clients: 55 };
        const anna = {
            mac: "3c:22:fb:00:00:01",
            ap: "Lobby",
            ssid: "Staff",
            band: "5",
            signal: -83,
            name: "Anna's phone",
        };
        const first = await probe.feed(controller(at(3, 12), [lobby, canteen], [anna]));
        assert.deepEqual(topics(first.notes), [
            "HQ controller: AP Canteen has 55 clients",
            "HQ controller: weak signal for Anna's phone (-83 dBm)",
        ]);
        const gone = await probe.feed(controller(at(3, 12, 5), [lobby], []));
        assert.deepEqual(
            topics(gone.notes),
            ["HQ controller: AP Canteen missing"],
            "Anna left: no clear for her",
        );
        assert.deepEqual(
            (gone.list.payload as Msg[]).map((r) => r.key),
            ["10.0.0.7/ap/ap-2/present"],
        );
        const back = await probe.feed(controller(at(3, 12, 10), [lobby, { ...canteen, clients: 20 }], []));
        assert.deepEqual(topics(back.notes), ["HQ controller: AP Canteen back"]);
    });

    it("alerts on an AP's load and channel utilisation once, escalates, then clears", async () => {
        await helper.load(
            [alertNode],
            flow({
                utilisationWarning: "70",
                utilisationCritical: "90",
                loadBusy: "warning",
                loadOverloaded: "critical",
            }),
        );
        const probe = new Probe();
        const lobby = (load: string, utilisation: number) => ({
            id: "ap-1",
            name: "Lobby",
            clients: 12,
            load,
            utilisation,
        });
        const busy = await probe.feed(controller(at(3, 12), [lobby("busy", 75)]));
        assert.deepEqual(topics(busy.notes), [
            "HQ controller: AP Lobby channel busy (75 %)",
            "HQ controller: AP Lobby busy",
        ]);
        const worse = await probe.feed(controller(at(3, 12, 5), [lobby("overloaded", 92)]));
        assert.deepEqual(topics(worse.notes), [
            "HQ controller: AP Lobby channel full (92 %)",
            "HQ controller: AP Lobby overloaded",
        ]);
        const same = await probe.feed(controller(at(3, 12, 10), [lobby("overloaded", 93)]));
        assert.deepEqual(topics(same.notes), [], "once: no repeat while it stays overloaded");
        // Output 2 of ap-clients says the same about the same key: nothing new.
        const metric = await probe.feed({
            topic: "HQ controller Lobby utilisation",
            payload: 94,
            metric: {
                device: "HQ controller",
                host: "10.0.0.7",
                kind: "utilisation",
                ap: "Lobby",
                apId: "ap-1",
            },
        });
        assert.deepEqual(topics(metric.notes), []);
        // A weak-client count is no client count: it does not trip "clients per AP" (30).
        const weak = await probe.feed({
            topic: "HQ controller Lobby weak clients",
            payload: 40,
            metric: { device: "HQ controller", host: "10.0.0.7", kind: "weak", ap: "Lobby", apId: "ap-1" },
        });
        assert.deepEqual(topics(weak.notes), []);
        const calm = await probe.feed(controller(at(3, 12, 15), [lobby("ok", 40)]));
        assert.deepEqual(topics(calm.notes), [
            "HQ controller: AP Lobby channel no longer busy (40 %)",
            "HQ controller: AP Lobby load ok again",
        ]);
    });

    it("takes metric messages and plain numbers", async () => {
        await helper.load([alertNode], flow({ genericWarning: "28", genericCritical: "35" }));
        const probe = new Probe();
        const metric = await probe.feed({
            topic: "Office 2F Black Cartridge HP 58A",
            payload: 4,
            metric: {
                device: "Office 2F",
                host: "10.0.0.5",
                kind: "supply",
                id: "1.1",
                name: "Black Cartridge HP 58A",
                type: "toner",
                color: "black",
                state: "low",
                unit: "%",
            },
        });
        assert.deepEqual(topics(metric.notes), ["Office 2F: black toner very low (4 %)"]);
        const generic = await probe.feed({ topic: "server room temperature", payload: 36 });
        assert.deepEqual(topics(generic.notes), ["server room temperature very high (36)"]);
        assert.equal((generic.list.payload as Msg[]).length, 2);
    });

    it("resets one device, then everything, without sending notifications", async () => {
        await helper.load([alertNode], flow());
        const probe = new Probe();
        await probe.feed(printer(at(3, 9), 8, { errors: ["jammed"] }));
        await probe.feed(controller(at(3, 9), [{ id: "ap-1", name: "Lobby", clients: 60 }]));
        const one = await probe.feed({ reset: true, topic: "Office 2F" });
        assert.deepEqual(one.notes, []);
        assert.deepEqual(
            (one.list.payload as Msg[]).map((r) => r.key),
            ["10.0.0.7/ap/ap-1/clients"],
        );
        const all = await probe.feed({ reset: true, payload: Date.now() });
        assert.deepEqual(all.notes, []);
        assert.deepEqual(all.list.payload, []);
        assert.deepEqual(await probe.status(), {
            fill: "green",
            shape: "dot",
            text: "threshold-alert.status.ok",
        });
    });

    it("sends messages it cannot read to Catch nodes, with the message", async () => {
        await helper.load([alertNode], flow());
        const probe = new Probe();
        const caught = await probe.refused({ topic: "x", payload: "not a number", host: "10.0.0.9" });
        assert.equal((caught.error as Msg).message, "Error: threshold-alert.errors.unreadable");
        assert.equal(caught.host, "10.0.0.9");
        const generic = await probe.refused({ topic: "x", payload: 5 });
        assert.equal((generic.error as Msg).message, "Error: threshold-alert.errors.noGeneric");
    });

    it("shows a red ring for invalid settings and passes messages to Catch", async () => {
        await helper.load([alertNode], flow({ tonerWarning: "5", tonerCritical: "20" }));
        const probe = new Probe();
        assert.deepEqual(await probe.status(), {
            fill: "red",
            shape: "ring",
            text: "threshold-alert.status.bad-config",
        });
        const caught = await probe.refused(printer(at(3, 9), 8));
        assert.equal((caught.error as Msg).message, "Error: threshold-alert.errors.config");
    });

    it("handles 1,000 keys in one message (with the notification cap raised)", async () => {
        await helper.load([alertNode], flow({ maxNotifications: "1000" }));
        const probe = new Probe();
        const aps = (clients: number): { id: string; name: string; clients: number }[] =>
            Array.from({ length: 1000 }, (_, i) => ({ id: `ap-${i}`, name: `AP ${i}`, clients }));
        const crowded = await probe.feed(controller(at(3, 12), aps(31)));
        assert.equal(crowded.notes.length, 1000);
        assert.equal((crowded.list.payload as Msg[]).length, 1000);
        assert.deepEqual(await probe.status(), { fill: "yellow", shape: "ring", text: "1000 warning" });
        const calm = await probe.feed(controller(at(3, 18), aps(2)));
        assert.equal(calm.notes.length, 1000);
        assert.deepEqual(calm.list.payload, []);
    });

    it("sends output 2 only when the list changes, also with 10,000 alerts active", async () => {
        await helper.load([alertNode], flow({ maxNotifications: "5" }));
        const probe = new Probe();
        const aps = Array.from({ length: 9_990 }, (_, i) => ({
            id: `ap-${i}`,
            name: `AP ${i}`,
            clients: 31,
        }));
        const crowded = await probe.feed(controller(at(3, 12), aps));
        assert.equal(crowded.sent, true);
        assert.equal((crowded.list.payload as Msg[]).length, 9_990);
        assert.equal(crowded.notes.length, 6, "5 notifications and a summary");
        for (let minute = 1; minute <= 5; minute++) {
            const same = await probe.feed(printer(at(3, 12, minute), 80));
            assert.equal(
                same.sent,
                minute === 1,
                "the printer's watch row is new once, then nothing changes",
            );
        }
        const low = await probe.feed(printer(at(3, 12, 10), 8));
        assert.equal(low.sent, true);
        assert.equal((low.list.payload as Msg[]).length, 9_991);
        assert.deepEqual(await probe.status(), { fill: "yellow", shape: "ring", text: "9991 warning" });
    });

    it("keeps alerts on topics such as __proto__ and constructor, also over a redeploy", async () => {
        await helper.load([alertNode], flow({ genericWarning: "10" }));
        let probe = new Probe();
        for (const topic of ["__proto__", "constructor", "toString"])
            assert.deepEqual(topics((await probe.feed({ topic, payload: 20 })).notes), [
                `${topic} high (20)`,
            ]);
        const list = (await probe.feed({ topic: "other", payload: 1 })).list;
        assert.deepEqual((list.payload as Msg[]).map((r) => r.key).sort(), [
            "__proto__",
            "constructor",
            "toString",
        ]);
        await helper.setFlows(flow({ genericWarning: "10" }), "full");
        probe = new Probe();
        assert.deepEqual((await probe.feed({ topic: "__proto__", payload: 21 })).notes, [], "still known");
        assert.deepEqual(topics((await probe.feed({ topic: "constructor", payload: 1 })).notes), [
            "constructor ok again (1)",
        ]);
    });

    it("keeps its state over a redeploy even with no context store configured", async () => {
        await helper.load([alertNode], flow());
        await new Probe().feed(printer(at(3, 9), 8));
        await helper.setFlows(flow(), "full");
        const probe = new Probe();
        assert.deepEqual((await probe.feed(printer(at(3, 10), 8))).notes, [], "no repeat after the redeploy");
        assert.deepEqual(topics((await probe.feed(printer(at(3, 11), 90))).notes), [
            "Office 2F: black toner ok again (90 %)",
        ]);
    });

    describe("with a persistent context store", function () {
        let dir = "";
        const openStores = (): Promise<void> => context.load();

        beforeEach(() => {
            dir = mkdtempSync(join(tmpdir(), "threshold-alert-"));
            helper.settings({ contextStorage: { default: { module: "localfilesystem", config: { dir } } } });
        });

        afterEach(async () => {
            await context.close();
            context.init({});
            helper.settings({});
            rmSync(dir, { recursive: true, force: true });
        });

        /** What Node-RED does on shutdown: stop the flows, then flush and close the stores. */
        async function shutDown(): Promise<void> {
            await helper.clearFlows();
            await context.close();
            // Forget the closed stores, so the helper's unload() does not clean the files away.
            context.init({});
            await helper.unload();
        }

        it("neither repeats an active alert nor loses its clear across a restart", async () => {
            await helper.load([alertNode, openStores], flow());
            let probe = new Probe();
            const raised = await probe.feed(printer(at(3, 9), 8));
            assert.deepEqual(topics(raised.notes), ["Office 2F: black toner low (8 %)"]);

            await shutDown();
            const file = join(dir, "context", "f1", "n1.json");
            assert.ok(existsSync(file), "the state was written to the store");
            assert.match(readFileSync(file, "utf8"), /10\.0\.0\.5\/supply\/1\.1/);

            await helper.load([alertNode, openStores], flow());
            probe = new Probe();
            assert.deepEqual(await probe.status(), { fill: "yellow", shape: "ring", text: "1 warning" });
            const again = await probe.feed(printer(at(3, 10), 8));
            assert.deepEqual(again.notes, [], "the restart does not repeat the alert");
            assert.deepEqual(
                (again.list.payload as Msg[]).map((r) => [r.key, r.since]),
                [["10.0.0.5/supply/1.1", at(3, 9)]],
            );
            const clear = await probe.feed(printer(at(3, 11), 100));
            assert.deepEqual(
                topics(clear.notes),
                ["Office 2F: black toner ok again (100 %)"],
                "the clear still comes",
            );
        });
    });
});
