/**
 * The editor's "Find devices…" endpoint in a real Node-RED with adminAuth: who may scan (the node
 * type's write permission), with which credentials (only a deployed snmp-credentials node's),
 * and how often (one at a time, a few a minute). Devices are simulated on 127.0.22.x.
 */
import assert from "node:assert/strict";
import path from "node:path";
import type { FoundDevice } from "../../nodes/lib/discover/contract";
import { startNetwork, type Network } from "../../tools/sim/network";
import { deployFlows, httpGet, startChildRuntime, type ChildRuntime } from "../helpers/runtime";

const FIXTURES = path.join(__dirname, "..", "fixtures");
// eslint-disable-next-line @typescript-eslint/no-require-imports
const bcrypt = require(require.resolve("bcryptjs", { paths: [require.resolve("node-red")] })) as {
    hashSync(text: string, rounds: number): string;
};

const ADMIN_PASSWORD = "admin-password-1";
const VIEWER_PASSWORD = "viewer-password-1";

let net: Network;
let rt: ChildRuntime;
/** Scans the endpoint ran (answered 200): they count towards its per-minute limit. */
let scans = 0;

async function token(username: string, password: string, scope: string): Promise<string> {
    const res = await fetch(`${rt.url}/auth/token`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({
            client_id: "node-red-admin",
            grant_type: "password",
            scope,
            username,
            password,
        }),
    });
    assert.equal(res.status, 200, `login as ${username}`);
    return ((await res.json()) as { access_token: string }).access_token;
}

async function find(
    type: string,
    body: unknown,
    bearer?: string,
): Promise<{ status: number; body: { error?: string; summary?: string; devices?: FoundDevice[] } }> {
    const headers: Record<string, string> = { "content-type": "application/json" };
    if (bearer !== undefined) headers.authorization = `Bearer ${bearer}`;
    const res = await fetch(`${rt.url}/snmp-office/find-devices/${type}`, {
        method: "POST",
        headers,
        body: JSON.stringify(body),
    });
    if (res.status === 200) scans++;
    const text = await res.text();
    // Node-RED's own refusals (401) are plain text, ours JSON.
    const json = res.headers.get("content-type")?.includes("json") === true;
    return { status: res.status, body: json ? (JSON.parse(text) as { error?: string }) : { error: text } };
}

describe("Find devices endpoint (real runtime, adminAuth)", function () {
    this.timeout(90_000);
    let admin: string;

    before(async () => {
        net = await startNetwork(
            [
                { name: "laser", file: path.join(FIXTURES, "printers", "colour-laser.snmprec") },
                { name: "ap", file: path.join(FIXTURES, "wireless", "ubnt-unifi.snmprec") },
                {
                    name: "secret",
                    file: path.join(FIXTURES, "printers", "inkjet.snmprec"),
                    community: "other",
                },
            ],
            "127.0.22",
        );
        rt = await startChildRuntime({
            settings: {
                adminAuth: {
                    type: "credentials",
                    users: [
                        { username: "admin", password: bcrypt.hashSync(ADMIN_PASSWORD, 8), permissions: "*" },
                        {
                            username: "viewer",
                            password: bcrypt.hashSync(VIEWER_PASSWORD, 8),
                            permissions: "read",
                        },
                    ],
                },
            },
            dashboard: false,
        });
        admin = await token("admin", ADMIN_PASSWORD, "*");
        // Deploy SNMP settings (the community travels as a credential, as the editor sends it).
        await deployFlows(
            rt.url,
            [
                { id: "t1", type: "tab", label: "office" },
                {
                    id: "c1",
                    type: "snmp-credentials",
                    version: "2c",
                    port: net.port,
                    credentials: { community: "public" },
                },
                { id: "p1", z: "t1", type: "printer-supplies", snmp: "c1", devices: "", wires: [[], []] },
                { id: "a1", z: "t1", type: "ap-clients", snmp: "c1", devices: "", wires: [[], [], []] },
            ],
            admin,
        );
    });
    after(async () => {
        await rt?.stop();
        await net?.sim.stop();
    });

    it("refuses a request without a login, and one from a user who may not change the node type", async () => {
        const body = { config: "c1", range: "127.0.22.1-3" };
        const anonymous = await find("printer-supplies", body);
        assert.equal(anonymous.status, 401);
        const viewer = await token("viewer", VIEWER_PASSWORD, "read");
        const flows = await httpGet(rt.url, "/flows", { authorization: `Bearer ${viewer}` });
        assert.equal(flows.status, 200, "the viewer is logged in and may read");
        // Node-RED answers 401 to a user without the permission, as for no login.
        const readOnly = await find("printer-supplies", body, viewer);
        assert.equal(readOnly.status, 401);
        const readOnlyAp = await find("ap-clients", body, viewer);
        assert.equal(readOnlyAp.status, 401);
        assert.equal(net.sim.log.length, 0, "nothing was scanned for them");
    });

    it("scans with the deployed SNMP settings for a user who may: what answered, with lines to add", async () => {
        const res = await find("printer-supplies", { config: "c1", range: "127.0.22.0/24" }, admin);
        assert.equal(res.status, 200, JSON.stringify(res.body));
        assert.equal(res.body.summary, "scanned 254, 1 printer, 1 wireless, 0 other, 252 silent");
        const devices = res.body.devices ?? [];
        assert.deepEqual(
            devices.map((d) => [d.host, d.kind, d.line]),
            [
                ["127.0.22.1", "printer", "127.0.22.1 NPI4A2B6C"],
                ["127.0.22.2", "wireless", "127.0.22.2 uap-living"],
            ],
        );
        const ap = await find("ap-clients", { config: "c1", range: "127.0.22.2" }, admin);
        assert.equal(ap.status, 200);
        assert.equal(ap.body.devices?.[0]?.profile, "ubnt-unifi");
    });

    it("never takes credentials from the request, and wants a deployed snmp-credentials node", async () => {
        // The third device answers only "other": a community in the request must not reach it.
        const sneaky = await find(
            "printer-supplies",
            { config: "c1", range: "127.0.22.3", community: "other", credentials: { community: "other" } },
            admin,
        );
        assert.equal(sneaky.status, 200);
        assert.deepEqual(sneaky.body.devices, []);
        const notDeployed = await find("printer-supplies", { config: "c9", range: "127.0.22.1" }, admin);
        assert.equal(notDeployed.status, 404);
        assert.match(notDeployed.body.error ?? "", /not deployed/);
        const notCredentials = await find("printer-supplies", { config: "p1", range: "127.0.22.1" }, admin);
        assert.equal(notCredentials.status, 404);
        const badRange = await find("printer-supplies", { config: "c1", range: "127.0.0.0/8" }, admin);
        assert.equal(badRange.status, 400);
        assert.match(badRange.body.error ?? "", /larger than a \/16/);
        const tooMany = await find("printer-supplies", { config: "c1", range: "127.0.22.0/21" }, admin);
        assert.equal(tooMany.status, 400);
        assert.match(tooMany.body.error ?? "", /more than 1024 addresses/);
    });

    it("runs one scan at a time and a few a minute", async () => {
        const slow = find("printer-supplies", { config: "c1", range: "127.0.22.100-150" }, admin);
        await new Promise((r) => setTimeout(r, 200));
        const second = await find("ap-clients", { config: "c1", range: "127.0.22.1" }, admin);
        assert.equal(second.status, 409);
        assert.match(second.body.error ?? "", /already running/);
        assert.equal((await slow).status, 200);
        // The limit is 10 a minute, counting the scans of the tests above.
        const left = 10 - scans;
        assert.ok(left > 0 && left < 10, `${scans} scans so far`);
        const statuses: number[] = [];
        for (let i = 0; i < left + 2; i++) {
            statuses.push(
                (await find("printer-supplies", { config: "c1", range: "127.0.22.1" }, admin)).status,
            );
        }
        assert.deepEqual(statuses, [...new Array<number>(left).fill(200), 429, 429]);
        const refused = await find("ap-clients", { config: "c1", range: "127.0.22.1" }, admin);
        assert.match(refused.body.error ?? "", /at most 10 scans a minute: try again in \d+ s/);
    });

    it("serves the dialog's script to the editor, and the node's help", async () => {
        const script = await httpGet(rt.url, "/resources/node-red-contrib-snmp-office/find-devices.js");
        assert.equal(script.status, 200);
        assert.match(script.body, /SnmpOfficeFindDevices/);
        const html = await httpGet(rt.url, "/nodes", {
            accept: "text/html",
            authorization: `Bearer ${admin}`,
        });
        assert.equal(html.status, 200);
        assert.match(html.body, /data-help-name="snmp-discover"/);
        assert.match(html.body, /resources\/node-red-contrib-snmp-office\/find-devices\.js/);
    });
});
