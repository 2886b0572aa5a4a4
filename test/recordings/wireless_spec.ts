/**
 * Every real wireless recording in ../shared/recordings/wireless, served by the simulator and
 * polled over SNMP like a device: which profile is detected, what it reads, and whether the
 * counts agree with the reference values another monitoring system (LibreNMS) derived from the
 * same walk. Skipped, with a message, when the recordings are not beside the checkout.
 *
 * The outcome of each recording is stated below, and each one that does not poll is named with
 * the reason. Disagreements with the reference must be listed in JUSTIFIED, with the MIB reason.
 */
import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { loadDevices, startSimulator, type Simulator } from "../../tools/sim";
import { pollAp, type ApPoll } from "../../nodes/lib/ap/poll-ap";
import { SnmpError } from "../../nodes/lib/snmp/errors";
import { SnmpSession } from "../../nodes/lib/snmp/session";
import { normalizeSettings } from "../../nodes/lib/snmp/settings";

const SHARED = path.join(__dirname, "..", "..", "..", "shared", "recordings");
const WIRELESS = path.join(SHARED, "wireless");
const INDEX = path.join(SHARED, "index.json");

/** Recordings of supported vendors with wireless data: the profile they must be detected as. */
const POLLS: Record<string, string> = {
    airos: "ubnt-airmax",
    "aruba-instant": "aruba-instant",
    arubaos_aos65: "aruba-controller",
    arubaos_vmc: "aruba-controller",
    ciscowlc_cbw240ac: "cisco-aireos",
    epmp: "cambium-epmp",
    fortigate_500d: "fortigate",
    fortigate_60f: "fortigate",
    fortigate_60f3g4g: "fortigate",
    fortigate_vm01: "fortigate",
    fortigate_webfilter: "fortigate",
    fortiwlc: "fortiwlc",
    "hiveos-wireless": "aerohive",
    "hiveos-wireless_650ax": "aerohive",
    routeros: "mikrotik-wireless",
    "routeros_ltap-mini": "mikrotik-wireless",
    "ruckuswireless-unleashed": "ruckus-unleashed",
    ruckuswireless_zd1200: "ruckus-zd",
    unifi: "ubnt-unifi",
    unifi_ukultra: "ubnt-unifi",
};

/**
 * Recordings of supported vendors that cannot be polled: the walk holds the sysDescr and
 * sysObjectID only (category wireless-detect-only), or none of the profile's objects. They must
 * be recognised (the error names the profile) and reported as unsupported with what is missing.
 */
const RECOGNISED_WITHOUT_DATA: Record<string, [profileLabel: RegExp, why: string]> = {
    airos_1: [/airMAX/, "detection-only walk"],
    airos_2: [/airMAX/, "detection-only walk"],
    "aruba-instant_515": [/Aruba Instant/, "detection-only walk"],
    arubaos_aosw: [/Aruba mobility controller/, "detection-only walk (Alcatel-Lucent OmniAccess)"],
    arubaos_powerconnect: [/Aruba mobility controller/, "detection-only walk (Dell PowerConnect W)"],
    arubaos_aruba7210: [
        /Aruba mobility controller/,
        "no WLSX-SWITCH-MIB totals in the walk; LibreNMS found no wireless data either",
    ],
    ciscowlc: [/Cisco AireOS/, "detection-only walk"],
    ciscowlc_2: [/Cisco AireOS/, "detection-only walk"],
    ciscowap: [/Cisco AireOS/, "detection-only walk (Cisco small-business WAP321: no profile reads it)"],
    ciscowap_121ek9: [
        /Cisco AireOS/,
        "detection-only walk (Cisco small-business WAP121: no profile reads it)",
    ],
    ciscowap_iw9165dh: [/Cisco/, "mesh point without CISCO-DOT11-ASSOCIATION-MIB or AireOS tables"],
    cnpilote: [/cnPilot/, "detection-only walk"],
    "hiveos-wireless_1": [/HiveOS/, "detection-only walk"],
    merakimr: [/Meraki/, "a Meraki AP serves no client data itself: the dashboard's SNMP host does"],
    merakimr_mr28: [/Meraki/, "a Meraki AP serves no client data itself: the dashboard's SNMP host does"],
    "ruckuswireless-sz_smartcell": [/SmartZone/, "detection-only walk"],
    unifi_achd: [
        /UniFi/,
        "no UniFi VAP table in the walk (SNMP not enabled for the site); LibreNMS found nothing either",
    ],
    unifi_e7: [/UniFi/, "detection-only walk"],
    "airos-af60_airos-af60": [
        /airMAX/,
        "an airFiber 60 point-to-point link, not an access point (no airMAX tables)",
    ],
};

/**
 * Disagreements with the reference, each justified by the MIB. Key: `recording reference-descr`.
 */
const JUSTIFIED: Record<string, string> = {};

interface RefSensor {
    descr: string;
    value: number | null;
}

interface Reference {
    wireless?: { clients?: RefSensor[]; "ap-count"?: RefSensor[] };
}

function references(): Record<string, { category?: string; reference?: Reference }> {
    return JSON.parse(readFileSync(INDEX, "utf8")) as Record<
        string,
        { category?: string; reference?: Reference }
    >;
}

/** Compare one poll with the reference sensors; returns the disagreements. */
function compare(name: string, poll: ApPoll, ref: Reference | undefined): { checked: number; off: string[] } {
    const r = poll.reading;
    const off: string[] = [];
    let checked = 0;
    const ssids = new Map<string, number>();
    for (const s of ref?.wireless?.clients ?? []) {
        if (s.value === null) continue;
        // MikroTik sensors name an interface by its band and SSID ("2G: name", "SSID: name").
        const m = /^(?:SSID:\s*|SSID\s+|[0-9.]+G:\s*)(.+?)(?:\s+Clients)?$/.exec(s.descr);
        if (m?.[1] !== undefined) ssids.set(m[1], (ssids.get(m[1]) ?? 0) + s.value);
    }
    const check = (what: string, ours: number | null | undefined, theirs: number): void => {
        checked++;
        if (ours !== theirs && JUSTIFIED[`${name} ${what}`] === undefined) {
            off.push(`${what}: ours ${String(ours)}, reference ${theirs}`);
        }
    };
    for (const s of ref?.wireless?.clients ?? []) {
        if (s.value === null) continue;
        if (/total|^clients$|client count/i.test(s.descr)) check(s.descr, r.totals.clients, s.value);
        const band = /^Clients \((ng|na)\)$/.exec(s.descr)?.[1];
        if (band !== undefined) {
            const label = band === "ng" ? "2.4GHz" : "5GHz";
            const ours = r.aps
                .flatMap((a) => a.radios)
                .filter((x) => x.band === label)
                .reduce((n, x) => n + (x.clients ?? 0), 0);
            check(s.descr, ours, s.value);
        }
        const radio = /^(\S+) Radio (\d+)$/.exec(s.descr);
        if (radio) {
            // Per-radio sensors are named by AP serial, which no profile reads: compared as a sum.
            continue;
        }
    }
    for (const [ssid, value] of ssids) {
        check(`SSID ${ssid}`, r.ssids.find((s) => s.ssid === ssid)?.clients, value);
    }
    const radios = (ref?.wireless?.clients ?? []).filter((s) => / Radio \d+$/.test(s.descr));
    if (radios.length > 0) {
        check(
            "sum of radio sensors",
            r.totals.clients,
            radios.reduce((n, s) => n + (s.value ?? 0), 0),
        );
    }
    const apCounts = (ref?.wireless?.["ap-count"] ?? []).filter((s) => s.value !== null);
    if (apCounts.length > 0) {
        checked++;
        // "Connected APs" and "Total APs" (registered) may both be given; ours is the connected count.
        if (!apCounts.some((s) => s.value === r.totals.aps) && JUSTIFIED[`${name} APs`] === undefined) {
            off.push(
                `APs: ours ${r.totals.aps}, reference ${apCounts.map((s) => `${s.descr} ${s.value}`).join(", ")}`,
            );
        }
    }
    return { checked, off };
}

describe("wireless recordings (../shared/recordings/wireless)", function () {
    this.timeout(120_000);
    let sim: Simulator | undefined;

    before(async function () {
        if (!existsSync(WIRELESS) || !existsSync(INDEX)) {
            console.log(`      (skipped: no recordings at ${WIRELESS})`);
            this.skip();
        }
        sim = await startSimulator({ devices: loadDevices([WIRELESS], { dynamics: false }) });
    });
    after(async () => {
        await sim?.stop();
    });

    it("detects every supported recording, polls it without error and agrees with the reference", async () => {
        assert.ok(sim);
        const index = references();
        const rows: string[][] = [["recording", "profile", "APs", "clients", "rows", "reference"]];
        const failures: string[] = [];
        for (const name of sim.deviceNames) {
            const ep = sim.endpoint(name);
            const settings = normalizeSettings({
                community: ep.community,
                port: ep.port,
                timeout: 1000,
                retries: 0,
            });
            const session = await SnmpSession.open(ep.host, settings);
            let result: ApPoll | SnmpError;
            try {
                result = await pollAp(
                    session,
                    { host: ep.host, port: ep.port },
                    {
                        vendor: "auto",
                        maxRepetitions: settings.maxRepetitions,
                        maxRows: settings.maxRows,
                        now: () => new Date(),
                    },
                );
            } catch (err) {
                result = err instanceof SnmpError ? err : new SnmpError("error", String(err));
            } finally {
                session.close();
            }
            const expected = POLLS[name];
            const recognised = RECOGNISED_WITHOUT_DATA[name];
            if (result instanceof SnmpError) {
                rows.push([name, `${result.code}`, "", "", "", recognised?.[1] ?? "unsupported vendor"]);
                if (expected !== undefined)
                    failures.push(`${name}: expected ${expected}, got ${result.message}`);
                else if (result.code !== "unsupported")
                    failures.push(`${name}: ${result.code} ${result.message}`);
                else if (recognised && !recognised[0].test(result.message)) {
                    failures.push(
                        `${name}: the error should name ${String(recognised[0])}: ${result.message}`,
                    );
                }
                continue;
            }
            const r = result.reading;
            const { checked, off } = compare(name, result, index[name]?.reference);
            rows.push([
                name,
                r.profile,
                String(r.totals.aps),
                String(r.totals.clients),
                r.capabilities.perClient ? String(r.clients.length) : "-",
                checked === 0 ? "no reference" : off.length === 0 ? `${checked} agree` : off.join("; "),
            ]);
            if (expected === undefined)
                failures.push(`${name}: polled as ${r.profile} but not listed in POLLS`);
            else if (r.profile !== expected)
                failures.push(`${name}: detected ${r.profile}, expected ${expected}`);
            failures.push(...off.map((o) => `${name}: ${o}`));
        }
        const widths = rows[0]?.map((_, i) => Math.max(...rows.map((row) => (row[i] ?? "").length))) ?? [];
        console.log(rows.map((row) => row.map((c, i) => c.padEnd(widths[i] ?? 0)).join("  ")).join("\n"));
        for (const name of Object.keys(POLLS)) {
            if (!sim.deviceNames.includes(name)) failures.push(`${name}: recording missing`);
        }
        assert.deepEqual(failures, []);
    });
});
