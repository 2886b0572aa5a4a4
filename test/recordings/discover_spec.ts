/**
 * What a scan calls every device the project knows: each fixture (written from the MIBs) and each
 * real recording in ../shared/recordings, served by the simulator on its own loopback address and
 * scanned over SNMP like a network. Printers must come out `printer`, access points, controllers
 * and Wi-Fi routers with client data `wireless` (including the detection-only walks, which hold
 * just sysDescr and sysObjectID), everything else `other`. The recordings part skips, with a
 * message, when the recordings are not beside the checkout.
 */
import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { loadDevices, type SimDevice } from "../../tools/sim";
import { pollAp } from "../../nodes/lib/ap/poll-ap";
import type { FoundDevice } from "../../nodes/lib/discover/contract";
import { scan } from "../../nodes/lib/discover/scan";
import { SnmpSession } from "../../nodes/lib/snmp/session";
import { normalizeSettings } from "../../nodes/lib/snmp/settings";
import { startNetwork, type Network } from "../../tools/sim/network";
import { haveSnmpsimd, startSnmpsimd } from "../helpers/snmpsimd";

const FIXTURES = path.join(__dirname, "..", "fixtures");
const SHARED = path.join(__dirname, "..", "..", "..", "shared", "recordings");

/** Fixtures that are neither printers nor wireless (the nodes' "not mine" errors; the ARP router). */
const FIXTURE_OTHER = new Set(["nas", "linux-server", "edge-router"]);

/**
 * Wi-Fi routers whose sysObjectID and sysDescr name only a generic Linux (net-snmp's 8072.3.2.10,
 * "Linux OpenWrt ..."): a scan calls them wireless when, and only when, an ap-clients profile
 * reads their clients, as for any router.
 */
const ROUTERS = new Set(["openwrt"]);

/** Whether the ap-clients node itself can poll the device at `host` (any profile, auto-detected). */
async function apClientsReads(host: string, port: number, community = "public"): Promise<boolean> {
    const session = await SnmpSession.open(host, {
        ...normalizeSettings({ version: "2c", port, community }),
        timeout: 1500,
    });
    try {
        await pollAp(
            session,
            { host },
            { vendor: "auto", maxRepetitions: 25, maxRows: 1000, now: () => new Date() },
        );
        return true;
    } catch {
        return false;
    } finally {
        session.close();
    }
}

async function scanAll(net: Network): Promise<Map<string, FoundDevice>> {
    const settings = { ...normalizeSettings({ version: "2c", port: net.port }), timeout: 1500, retries: 1 };
    const outcome = await scan({
        targets: Array.from(net.addresses.values(), (host) => ({ host })),
        credentials: [settings],
        signal: new AbortController().signal,
    });
    const byName = new Map<string, FoundDevice>();
    for (const [name, host] of net.addresses) {
        const found = outcome.devices.find((d) => d.host === host);
        if (found !== undefined) byName.set(name, found);
    }
    return byName;
}

function readIndex(): Record<string, { category: string }> {
    return JSON.parse(readFileSync(path.join(SHARED, "index.json"), "utf8")) as Record<
        string,
        { category: string }
    >;
}

/** What each recording must come out as: its category's kind (Wi-Fi routers settled by {@link ROUTERS}). */
function expectedKinds(names: readonly string[]): Map<string, string> {
    const index = readIndex();
    return new Map(
        names.map((name) => [
            name,
            (index[name]?.category ?? "").startsWith("printer") ? "printer" : "wireless",
        ]),
    );
}

/** A Wi-Fi router that names only a generic Linux is wireless exactly when ap-clients reads it. */
async function settleRouters(
    expected: Map<string, string>,
    where: (name: string) => { host: string; port: number; community?: string } | undefined,
): Promise<void> {
    for (const name of ROUTERS) {
        const at = where(name);
        if (at === undefined) continue;
        const read = await apClientsReads(at.host, at.port, at.community);
        if (!read) console.log(`      ${name}: no ap-clients profile reads it yet, so it must be "other"`);
        expected.set(name, read ? "wireless" : "other");
    }
}

function check(expected: Map<string, string>, found: Map<string, FoundDevice>): void {
    const wrong: string[] = [];
    for (const [name, kind] of expected) {
        const d = found.get(name);
        if (d?.kind !== kind) {
            wrong.push(
                `${name}: expected ${kind}, got ${d?.kind ?? "silent"} (${d?.objectId ?? "-"}, "${d?.description ?? ""}")`,
            );
        }
    }
    assert.deepEqual(wrong, []);
}

describe("snmp-discover classification", function () {
    this.timeout(60_000);

    it("calls every fixture what it is", async () => {
        const devices: SimDevice[] = loadDevices([FIXTURES]);
        const expected = new Map(
            devices.map((d) => [
                d.name,
                FIXTURE_OTHER.has(d.name)
                    ? "other"
                    : (d.file ?? "").includes(`${path.sep}printers${path.sep}`)
                      ? "printer"
                      : "wireless",
            ]),
        );
        const net = await startNetwork(devices, "127.0.20");
        try {
            const found = await scanAll(net);
            check(expected, found);
            // A wireless device read by an ap-clients profile names it; the fixtures are named after theirs.
            assert.equal(found.get("aerohive")?.profile, "aerohive");
            assert.equal(found.get("colour-laser")?.profile, null);
        } finally {
            await net.sim.stop();
        }
    });

    it("calls every real printer a printer and every real wireless device wireless", async function () {
        if (!existsSync(path.join(SHARED, "index.json"))) {
            console.log(`      skipped: no recordings at ${SHARED}`);
            this.skip();
        }
        const devices = loadDevices([path.join(SHARED, "printers"), path.join(SHARED, "wireless")]);
        const expected = expectedKinds(devices.map((d) => d.name));
        assert.ok(devices.length > 100, `${devices.length} recordings`);
        const net = await startNetwork(devices, "127.0.21");
        try {
            await settleRouters(expected, (name) => {
                const host = net.addresses.get(name);
                return host === undefined ? undefined : { host, port: net.port };
            });
            check(expected, await scanAll(net));
        } finally {
            await net.sim.stop();
        }
    });

    it("does the same with the recordings served by an independent agent (snmpsimd)", async function () {
        this.timeout(240_000);
        if (!existsSync(path.join(SHARED, "index.json"))) {
            console.log(`      skipped: no recordings at ${SHARED}`);
            this.skip();
        }
        if (!haveSnmpsimd()) {
            console.log("      skipped: snmpsimd is not installed (Debian package snmpsim)");
            this.skip();
        }
        const dirs = [path.join(SHARED, "printers"), path.join(SHARED, "wireless")];
        const names = loadDevices(dirs).map((d) => d.name);
        const expected = expectedKinds(names);
        const agent = await startSnmpsimd(dirs, "127.0.22.1", names[0] as string);
        try {
            await settleRouters(expected, (community) => ({ host: agent.host, port: agent.port, community }));
            // snmpsimd tells devices apart by community on one address: one scan of that address per
            // recording, with the recording's name as the community, a few at a time.
            const found = new Map<string, FoundDevice>();
            const queue = [...names];
            const worker = async (): Promise<void> => {
                for (let name = queue.shift(); name !== undefined; name = queue.shift()) {
                    const settings = {
                        ...normalizeSettings({ version: "2c", port: agent.port, community: name }),
                        timeout: 3000,
                        retries: 1,
                    };
                    const outcome = await scan({
                        targets: [{ host: agent.host }],
                        credentials: [settings],
                        signal: new AbortController().signal,
                    });
                    const device = outcome.devices[0];
                    if (device !== undefined) found.set(name, device);
                }
            };
            await Promise.all([worker(), worker(), worker(), worker()]);
            check(expected, found);
        } finally {
            await agent.stop();
        }
    });
});
