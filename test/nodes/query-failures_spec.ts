/**
 * When the nodes' own code fails, users see it: a bug in the code that turns one device's reading
 * into messages reaches the log, a Catch node (with the device's host and port) and the status,
 * and the other devices of the same poll still report. Real flows against the simulator on
 * loopback; the failure is injected by making the payload code of one device throw.
 */
import assert from "node:assert/strict";
import path from "node:path";
import type { Node, NodeMessage } from "node-red";
import { loadDevices, startSimulator, type Simulator } from "../../tools/sim";
import * as printerMessages from "../../nodes/lib/printer/messages";
import { ApClients } from "../../nodes/lib/ap/service";
import * as status from "../../nodes/lib/status";
import type { NodeStatus } from "../../nodes/lib/status";
import { allNodes, collect, helper, recordStatuses, until } from "../helpers/nodered";

// eslint-disable-next-line @typescript-eslint/no-require-imports
const catchNode = require("@node-red/nodes/core/common/25-catch.js") as unknown;

const FIXTURES = path.join(__dirname, "..", "fixtures");
const PRINTERS = ["colour-laser", "inkjet", "mono-quirks"];
const WIFI = ["cisco-aireos", "aerohive", "mikrotik-wireless"];
/** The device whose payload code throws. */
const BROKEN = 1;

type Caught = NodeMessage & {
    host?: string;
    port?: number;
    payload: { error?: { code: string; message: string } };
    error?: { message?: string; source?: { id?: string } };
};
type Mutable = Record<string, unknown>;

let sim: Simulator;

function endpoint(name: string): { host: string; port: number } {
    return sim.endpoint(name);
}

function flow(type: "printer-supplies" | "ap-clients", names: string[]): unknown[] {
    const lines = names.map(
        (n, i) => `${endpoint(n).host}:${endpoint(n).port} ${i === BROKEN ? "broken" : n}`,
    );
    const outputs = type === "printer-supplies" ? 2 : 3;
    return [
        { id: "t1", type: "tab", label: "failures" },
        { id: "c1", type: "snmp-credentials", version: "2c", timeout: 1000, retries: 0 },
        {
            id: "q1",
            z: "t1",
            type,
            snmp: "c1",
            devices: lines.join("\n"),
            wires: [["out1"], ...Array.from({ length: outputs - 1 }, () => [])],
        },
        { id: "out1", z: "t1", type: "helper" },
        { id: "k1", z: "t1", type: "catch", scope: null, uncaught: false, wires: [["caught"]] },
        { id: "caught", z: "t1", type: "helper" },
    ];
}

function node(id: string): Node & { receive(msg: Record<string, unknown>): void } {
    const n = helper.getNode(id);
    assert.ok(n, `node ${id}`);
    return n;
}

/** Replace `obj[key]` until the returned function is called. */
function replace<T extends object, K extends keyof T>(obj: T, key: K, value: T[K]): () => void {
    const original = obj[key];
    (obj as Mutable)[key as string] = value;
    return () => {
        (obj as Mutable)[key as string] = original;
    };
}

/** Poll once; what the flow's Debug (out1) and Catch nodes got, the statuses and the log. */
async function pollOnce(
    outputs: number,
    caughtCount: number,
): Promise<{ out: NodeMessage[]; caught: Caught[]; seen: NodeStatus[] }> {
    const seen = recordStatuses(node("q1"));
    const out = collect(node("out1"), outputs);
    const caught = caughtCount > 0 ? collect(node("caught"), caughtCount) : Promise.resolve([]);
    node("q1").receive({ payload: "tick" });
    const result = { out: await out, caught: (await caught) as Caught[], seen };
    // The summary comes after the last device's messages.
    await until(() => seen.some((s) => s.fill !== "blue"), "the summary status");
    return result;
}

/**
 * Deploy the node for these devices, break its code with `breakIt` (which returns the repair),
 * and poll once with it broken.
 */
async function pollBroken(
    type: "printer-supplies" | "ap-clients",
    names: string[],
    breakIt: () => () => void,
    expect: { outputs: number; caught: number },
): Promise<{ out: NodeMessage[]; caught: Caught[]; seen: NodeStatus[] }> {
    await helper.load([...allNodes(), catchNode], flow(type, names), { c1: { community: "public" } });
    const repair = breakIt();
    try {
        return await pollOnce(expect.outputs, expect.caught);
    } finally {
        repair();
    }
}

function errorLogs(): string[] {
    return (helper.log().args.flat() as { level?: number; msg?: unknown }[])
        .filter((e) => e?.level === 20)
        .map((e) => String(e.msg));
}

describe("failure paths of the query nodes", function () {
    this.timeout(30_000);

    before(async () => {
        const files = [
            ...PRINTERS.map((n) => path.join(FIXTURES, "printers", `${n}.snmprec`)),
            ...WIFI.map((n) => path.join(FIXTURES, "wireless", `${n}.snmprec`)),
        ];
        sim = await startSimulator({
            devices: loadDevices(files, { dynamics: false, port: 0, community: "public" }),
        });
        await helper.startServer();
    });
    after(async () => {
        await helper.stopServer();
        await sim?.stop();
    });
    afterEach(async () => {
        await helper.unload();
    });

    it("printer-supplies: payload code that throws for one printer reaches the log, Catch and status; the others report", async () => {
        const original = printerMessages.printerPayload;
        const first = await pollBroken(
            "printer-supplies",
            PRINTERS,
            () =>
                replace(printerMessages, "printerPayload", (name, host, reading) => {
                    if (name === "broken")
                        throw new TypeError("Cannot read properties of undefined (reading 'level')");
                    return original(name, host, reading);
                }),
            { outputs: PRINTERS.length - 1, caught: 1 },
        );
        const { out, caught, seen } = first;
        assert.deepEqual(out.map((m) => m.topic).sort(), ["colour-laser", "mono-quirks"]);

        const [c] = caught;
        const broken = endpoint(PRINTERS[BROKEN] ?? "");
        assert.equal(c?.host, broken.host);
        assert.equal(c?.port, broken.port);
        assert.equal(c?.error?.source?.id, "q1");
        assert.match(
            c?.error?.message ?? "",
            /internal error reporting 127\.0\.0\.1: Cannot read properties/,
        );
        assert.equal(c?.payload.error?.code, "error");
        assert.ok(
            errorLogs().some((l) =>
                /^internal error reporting 127\.0\.0\.1: TypeError: Cannot read.*\n\s+at /.test(l),
            ),
            `an error with its stack in the log, though a Catch node took it: ${JSON.stringify(errorLogs())}`,
        );
        assert.deepEqual(seen.at(-1), { fill: "yellow", shape: "ring", text: "3 printers, 1 low, 1 failed" });

        // Nothing is left stuck: the next poll reads all three.
        const again = await pollOnce(PRINTERS.length, 0);
        assert.equal(again.out.length, PRINTERS.length);
        assert.equal(again.seen.at(-1)?.fill, "yellow", "colour-laser is low on toner");
        assert.doesNotMatch(String(again.seen.at(-1)?.text), /failed/);
    });

    it("ap-clients: a device whose messages cannot be built is reported, and the others report", async () => {
        // eslint-disable-next-line @typescript-eslint/unbound-method -- called below with its `this`
        const original = ApClients.prototype.messages;
        const result = await pollBroken(
            "ap-clients",
            WIFI,
            () =>
                replace(ApClients.prototype, "messages", function (this: ApClients, device, outcome, base) {
                    if (device.name === "broken") throw new RangeError("Invalid array length");
                    return original.call(this, device, outcome, base);
                }),
            { outputs: WIFI.length - 1, caught: 1 },
        );
        const { out, caught, seen } = result;
        assert.deepEqual(out.map((m) => m.topic).sort(), ["cisco-aireos", "mikrotik-wireless"].sort());
        const [c] = caught;
        assert.equal(c?.port, endpoint(WIFI[BROKEN] ?? "").port);
        assert.match(c?.error?.message ?? "", /internal error reporting 127\.0\.0\.1: Invalid array length/);
        assert.ok(errorLogs().some((l) => /Invalid array length/.test(l)));
        const last = seen.at(-1);
        assert.equal(last?.fill, "yellow");
        assert.match(String(last?.text), /^3 devices, .*1 failed$/);
    });

    it("a failure after the poll (the summary) ends with a red status and an error to Catch", async () => {
        const result = await pollBroken(
            "printer-supplies",
            PRINTERS,
            // The summary's first words ("3 printers") are made once every device is done.
            () =>
                replace(status, "plural", () => {
                    throw new Error("summary broke");
                }),
            { outputs: PRINTERS.length, caught: 1 },
        );
        assert.equal(result.out.length, PRINTERS.length, "every printer reported before the summary");
        assert.match(result.caught[0]?.error?.message ?? "", /summary broke/);
        assert.ok(errorLogs().some((l) => /^internal error: Error: summary broke\n\s+at /.test(l)));
        assert.deepEqual(result.seen.at(-1), {
            fill: "red",
            shape: "ring",
            text: "printer-supplies.status.internal-error",
        });
    });
});
