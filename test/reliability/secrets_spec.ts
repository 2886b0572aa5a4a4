/**
 * Communities and SNMPv3 keys never leave the credentials: not in messages (any output, Catch),
 * node status, log lines or error texts (error objects are inspected whole, causes included),
 * after runs with right and wrong credentials, v2c and v3, printer-supplies and ap-clients. The
 * same in a real Node-RED: the admin API's flow export, flows.json, the runtime's log with
 * Debug nodes printing complete messages, and the Debug sidebar's websocket feed.
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import path from "node:path";
import { inspect } from "node:util";
import type { NodeMessage } from "node-red";
import type WebSocketType from "ws";
import type { NodeStatus } from "../../nodes/lib/status";
import { startSimulator, type Simulator, type V3User } from "../../tools/sim";
import { decodeMessage, MsgFlags } from "../../tools/sim/ber";
import {
    listSpace,
    recordingObjects,
    startHostileAgent,
    startMeddlingProxy,
    type HostileAgent,
    type MeddlingProxy,
} from "../helpers/hostile";
import { allNodes, helper } from "../helpers/nodered";
import { startChildRuntime, type ChildRuntime } from "../helpers/runtime";

// eslint-disable-next-line @typescript-eslint/no-require-imports
const catchNode = require("@node-red/nodes/core/common/25-catch.js") as unknown;

const FIXTURES = path.join(__dirname, "..", "fixtures");
const PRINTER_FILE = path.join(FIXTURES, "printers", "colour-laser.snmprec");
const AP_FILE = path.join(FIXTURES, "wireless", "cisco-aireos.snmprec");

/** Every value here is a secret: the right ones and the wrong ones a user might type. */
const SECRET = {
    community: "c0mm-S3cret-7q",
    wrongCommunity: "wr0ng-c0mm-S3cret-8r",
    authKey: "auth-S3cret-9s",
    privKey: "priv-S3cret-0t",
    wrongAuthKey: "wr0ng-auth-S3cret-1u",
    wrongPrivKey: "wr0ng-priv-S3cret-2v",
};
const USER: V3User = {
    name: "monitor",
    authProtocol: "sha256",
    authKey: SECRET.authKey,
    privProtocol: "aes",
    privKey: SECRET.privKey,
};
const V3 = { version: "3", securityLevel: "authPriv", authProtocol: "SHA-256", privProtocol: "AES" };

interface Scenario {
    id: string;
    config: Record<string, unknown>;
    credentials: Record<string, string>;
    printer: { host: string; port: number };
    ap: { host: string; port: number };
    /** What the user sees: a reading, or an error of this code whose text matches. */
    expect: "reading" | { code: string; text: RegExp };
}

/** Everything a flow made visible, as text: inspected whole (error causes, hidden-ish fields). */
function visible(value: unknown): string {
    let json = "";
    try {
        json = JSON.stringify(value, (_k, v: unknown) => (typeof v === "bigint" ? v.toString() : v));
    } catch {
        // Circular or exotic: inspect below still covers it.
    }
    return `${json}\n${inspect(value, { depth: null, maxArrayLength: null, maxStringLength: null, showHidden: true })}`;
}

function assertNoSecret(text: string, where: string): void {
    for (const [name, secret] of Object.entries(SECRET)) {
        const at = text.indexOf(secret);
        assert.ok(at < 0, `${where} contains the ${name}: …${text.slice(Math.max(0, at - 200), at + 40)}…`);
    }
}

/** Flip a byte of the authentication parameters of authenticated v3 answers. */
function tamper(answer: Buffer): Buffer[] {
    const m = decodeMessage(answer);
    if (m.version !== 3 || !(m.msgFlags & MsgFlags.auth) || m.usm.authParams.length === 0) return [answer];
    const copy = Buffer.from(answer);
    copy[m.usm.authOffset] = copy[m.usm.authOffset]! ^ 0xff;
    return [copy];
}

describe("secrets never leave the credentials", function () {
    this.timeout(60_000);
    let sim: Simulator;
    let mismatch: HostileAgent;
    const proxies: MeddlingProxy[] = [];
    let scenarios: Scenario[];

    before(async () => {
        sim = await startSimulator({
            devices: [
                {
                    name: "printer",
                    file: PRINTER_FILE,
                    port: 0,
                    community: SECRET.community,
                    dynamics: false,
                    v3: { users: [USER] },
                },
                {
                    name: "ap",
                    file: AP_FILE,
                    port: 0,
                    community: SECRET.community,
                    dynamics: false,
                    v3: { users: [USER] },
                },
            ],
        });
        // Answers with another community than asked: net-snmp's error text quotes ours.
        mismatch = await startHostileAgent({
            space: listSpace(recordingObjects(PRINTER_FILE)),
            behave: (x) => x.encode(x.answer(), { community: Buffer.from("someone-else") }),
        });
        for (const name of ["printer", "ap"])
            proxies.push(await startMeddlingProxy(sim.endpoint(name), tamper));
        const printer = sim.endpoint("printer");
        const ap = sim.endpoint("ap");
        const v3Creds = { user: USER.name, authKey: SECRET.authKey, privKey: SECRET.privKey };
        scenarios = [
            {
                id: "v2right",
                config: {},
                credentials: { community: SECRET.community },
                printer,
                ap,
                expect: "reading",
            },
            {
                id: "v2wrong",
                config: {},
                credentials: { community: SECRET.wrongCommunity },
                printer,
                ap,
                expect: { code: "timeout", text: /wrong community/ },
            },
            {
                id: "v2mismatch",
                config: {},
                credentials: { community: SECRET.community },
                printer: mismatch,
                ap: mismatch,
                expect: { code: "malformed", text: /different community/ },
            },
            { id: "v3right", config: V3, credentials: v3Creds, printer, ap, expect: "reading" },
            {
                id: "v3user",
                config: V3,
                credentials: { ...v3Creds, user: "intruder" },
                printer,
                ap,
                expect: { code: "auth", text: /unknown user/ },
            },
            {
                id: "v3auth",
                config: V3,
                credentials: { ...v3Creds, authKey: SECRET.wrongAuthKey },
                printer,
                ap,
                expect: { code: "auth", text: /wrong digest/ },
            },
            {
                id: "v3priv",
                config: V3,
                credentials: { ...v3Creds, privKey: SECRET.wrongPrivKey },
                printer,
                ap,
                expect: { code: "auth", text: /decryption error/ },
            },
            {
                id: "v3tampered",
                config: V3,
                credentials: v3Creds,
                printer: proxies[0]!,
                ap: proxies[1]!,
                expect: { code: "auth", text: /authentication/ },
            },
        ];
        await helper.startServer();
    });
    after(async () => {
        await helper.stopServer();
        for (const p of proxies) await p.stop();
        await mismatch?.stop();
        await sim?.stop();
    });
    afterEach(() => helper.unload());

    it("in messages, Catch messages, status, logs and error objects, with right and wrong credentials", async () => {
        const flow: unknown[] = [{ id: "t1", type: "tab", label: "secrets" }];
        const creds: Record<string, Record<string, string>> = {};
        for (const s of scenarios) {
            creds[`c-${s.id}`] = s.credentials;
            flow.push(
                { id: `c-${s.id}`, type: "snmp-credentials", timeout: 300, retries: 0, ...s.config },
                {
                    id: `p-${s.id}`,
                    z: "t1",
                    type: "printer-supplies",
                    snmp: `c-${s.id}`,
                    devices: `${s.printer.host}:${s.printer.port} printer-${s.id}`,
                    wires: [[`p-${s.id}-1`], [`p-${s.id}-2`]],
                },
                {
                    id: `a-${s.id}`,
                    z: "t1",
                    type: "ap-clients",
                    snmp: `c-${s.id}`,
                    devices: `${s.ap.host}:${s.ap.port} ap-${s.id}`,
                    signalMetrics: true,
                    wires: [[`a-${s.id}-1`], [`a-${s.id}-2`], [`a-${s.id}-3`]],
                },
                ...[`p-${s.id}-1`, `p-${s.id}-2`, `a-${s.id}-1`, `a-${s.id}-2`, `a-${s.id}-3`].map((id) => ({
                    id,
                    z: "t1",
                    type: "helper",
                })),
            );
        }
        flow.push(
            { id: "k1", z: "t1", type: "catch", scope: null, uncaught: false, wires: [["caught"]] },
            { id: "caught", z: "t1", type: "helper" },
        );
        await helper.load([...allNodes(), catchNode], flow, creds);

        const messages: Record<string, NodeMessage[]> = {};
        const statuses: NodeStatus[] = [];
        for (const node of flow as { id: string; type: string }[]) {
            if (node.type === "helper") {
                messages[node.id] = [];
                helper.getNode(node.id)?.on("input", (m: NodeMessage) => messages[node.id]!.push(m));
            }
            if (node.type === "printer-supplies" || node.type === "ap-clients") {
                const n = helper.getNode(node.id) as unknown as { status(s: NodeStatus): void };
                const original = n.status.bind(n);
                n.status = (st: NodeStatus) => {
                    statuses.push(st);
                    original(st);
                };
            }
        }
        // Two polls each: the second one uses what the first one cached.
        for (let round = 1; round <= 2; round++) {
            for (const s of scenarios) {
                helper.getNode(`p-${s.id}`)?.receive({ payload: round });
                helper.getNode(`a-${s.id}`)?.receive({ payload: round });
            }
            const want = round;
            const end = Date.now() + 10_000;
            while (
                !scenarios.every(
                    (s) => messages[`p-${s.id}-1`]!.length >= want && messages[`a-${s.id}-1`]!.length >= want,
                )
            ) {
                assert.ok(Date.now() < end, "every node answered");
                await new Promise((r) => setTimeout(r, 20));
            }
        }
        await new Promise((r) => setTimeout(r, 100));

        // What each user saw is what the scenario says (so the scan below scans something real).
        const caught = messages.caught as (NodeMessage & { error: { message: string } })[];
        for (const s of scenarios) {
            for (const out of [`p-${s.id}-1`, `a-${s.id}-1`]) {
                const payload = (
                    messages[out]![0] as {
                        payload: { reachable: boolean; error?: { code: string; message: string } };
                    }
                ).payload;
                if (s.expect === "reading") {
                    assert.equal(payload.reachable, true, `${out}: ${JSON.stringify(payload)}`);
                } else {
                    assert.equal(payload.error?.code, s.expect.code, `${out}: ${payload.error?.message}`);
                    assert.match(payload.error?.message ?? "", s.expect.text, out);
                    assert.ok(
                        caught.some((m) => m.error.message.includes(payload.error?.message ?? "?")),
                        `${out} reached Catch`,
                    );
                }
            }
        }
        assert.ok(caught.length >= 24, `Catch got the failures (${caught.length})`);

        for (const [id, list] of Object.entries(messages)) assertNoSecret(visible(list), `messages on ${id}`);
        assertNoSecret(visible(caught.map((m) => m.error)), "Catch msg.error (with its cause)");
        assertNoSecret(visible(statuses), "node status");
        const logs = helper.log().args.map((a) => a[0]);
        assert.ok(logs.length > 0, "the log spy saw the runtime's log");
        assertNoSecret(visible(logs), "log");
    });
});

describe("secrets in a real Node-RED: flow export, flows.json, log and Debug sidebar", function () {
    this.timeout(60_000);
    let sim: Simulator;
    let rt: ChildRuntime | undefined;
    let mismatch: HostileAgent;
    let tampered: MeddlingProxy;

    before(async () => {
        sim = await startSimulator({
            devices: [
                {
                    name: "printer",
                    file: PRINTER_FILE,
                    port: 0,
                    community: SECRET.community,
                    dynamics: false,
                    v3: { users: [USER] },
                },
                {
                    name: "ap",
                    file: AP_FILE,
                    port: 0,
                    community: SECRET.community,
                    dynamics: false,
                    v3: { users: [USER] },
                },
            ],
        });
        mismatch = await startHostileAgent({
            space: listSpace(recordingObjects(PRINTER_FILE)),
            behave: (x) => x.encode(x.answer(), { community: Buffer.from("someone-else") }),
        });
        tampered = await startMeddlingProxy(sim.endpoint("printer"), tamper);
    });
    after(async () => {
        await rt?.stop();
        await tampered?.stop();
        await mismatch?.stop();
        await sim?.stop();
    });

    it("shows no community or key anywhere, after right and wrong credentials", async () => {
        rt = await startChildRuntime({ flows: [], logLevel: "info" });
        const printer = sim.endpoint("printer");
        const ap = sim.endpoint("ap");
        const v3 = { user: "monitor", authKey: SECRET.authKey, privKey: SECRET.privKey };
        type Target = { host: string; port: number };
        const configs: [string, Record<string, unknown>, Record<string, string>, Target, Target][] = [
            ["v2right", {}, { community: SECRET.community }, printer, ap],
            ["v2wrong", {}, { community: SECRET.wrongCommunity }, printer, ap],
            ["v2mismatch", {}, { community: SECRET.community }, mismatch, mismatch],
            ["v3right", V3, v3, printer, ap],
            ["v3auth", V3, { ...v3, authKey: SECRET.wrongAuthKey }, printer, ap],
            ["v3priv", V3, { ...v3, privKey: SECRET.wrongPrivKey }, printer, ap],
            ["v3tampered", V3, v3, tampered, tampered],
        ];
        const debug = (id: string) => ({
            id,
            z: "t1",
            type: "debug",
            active: true,
            tosidebar: true,
            console: true,
            complete: "true",
            targetType: "full",
        });
        const flow: unknown[] = [{ id: "t1", type: "tab", label: "secrets" }, debug("d-all")];
        for (const [id, config, credentials, p, a] of configs) {
            flow.push(
                { id: `c-${id}`, type: "snmp-credentials", timeout: 300, retries: 0, ...config, credentials },
                {
                    id: `i-${id}`,
                    z: "t1",
                    type: "inject",
                    once: true,
                    onceDelay: 0.1,
                    repeat: "",
                    wires: [[`p-${id}`, `a-${id}`]],
                },
                {
                    id: `p-${id}`,
                    z: "t1",
                    type: "printer-supplies",
                    snmp: `c-${id}`,
                    devices: `${p.host}:${p.port} printer-${id}`,
                    wires: [["d-all"], ["d-all"]],
                },
                {
                    id: `a-${id}`,
                    z: "t1",
                    type: "ap-clients",
                    snmp: `c-${id}`,
                    devices: `${a.host}:${a.port} ap-${id}`,
                    wires: [["d-all"], ["d-all"], ["d-all"]],
                },
            );
        }
        flow.push({ id: "k1", z: "t1", type: "catch", scope: null, uncaught: false, wires: [["d-all"]] });

        // The Debug sidebar's feed, as the editor receives it.
        const sidebar: string[] = [];
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        const WebSocket = require(
            require.resolve("ws", { paths: [require.resolve("node-red")] }),
        ) as typeof WebSocketType;
        const ws = new WebSocket(`ws://127.0.0.1:${rt.port}/comms`);
        await new Promise<void>((resolve, reject) => {
            ws.once("open", () => resolve());
            ws.once("error", reject);
        });
        ws.on("message", (data: Buffer) => sidebar.push(data.toString()));
        ws.send(JSON.stringify({ subscribe: "debug" }));

        const deploy = await fetch(`${rt.url}/flows`, {
            method: "POST",
            headers: { "Content-Type": "application/json", "Node-RED-Deployment-Type": "full" },
            body: JSON.stringify(flow),
        });
        assert.ok(deploy.ok, `deploy: ${deploy.status} ${await deploy.text()}`);

        // Fourteen outputs on output 1 (four readings, ten failures), plus Catch copies of the failures.
        const end = Date.now() + 20_000;
        const count = (re: RegExp): number => (rt?.output().match(re) ?? []).length;
        while (
            count(/reachable: (true|false)/g) < 14 ||
            sidebar.join("\n").split('"topic":"debug"').length < 14
        ) {
            assert.ok(Date.now() < end, `polls reported (log so far:\n${rt.output().slice(-2000)})`);
            await new Promise((r) => setTimeout(r, 50));
        }
        await new Promise((r) => setTimeout(r, 300));
        ws.close();

        const log = rt.output();
        assertNoSecret(log, "the runtime's log (Debug nodes print complete messages to it)");
        assertNoSecret(sidebar.join("\n"), "the Debug sidebar's feed");
        assert.match(log, /reachable: true/, "a reading was printed");
        assert.match(log, /wrong digest/, "the wrong auth key was reported");
        assert.match(log, /decryption error/, "the wrong privacy key was reported");
        assert.match(log, /different community/, "the community mismatch was reported");
        assert.match(log, /digest does not match/, "the tampered answer was reported");
        const exported = await (await fetch(`${rt.url}/flows`)).text();
        assert.ok(exported.includes('"snmp-credentials"'));
        assertNoSecret(exported, "the admin API's flow export");
        assertNoSecret(readFileSync(path.join(rt.userDir, "flows.json"), "utf8"), "flows.json");
        for (const [id] of configs) {
            const view = await (await fetch(`${rt.url}/credentials/snmp-credentials/c-${id}`)).text();
            assertNoSecret(view, `the editor's credential view of c-${id}`);
        }
    });
});
