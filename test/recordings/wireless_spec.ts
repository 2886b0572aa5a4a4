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
    "airos-af60_airos-af60": "ubnt-af60",
    albentiaaos: "albentia",
    "aruba-instant": "aruba-instant",
    arubaos_aos65: "aruba-controller",
    arubaos_vmc: "aruba-controller",
    ciscowlc_cbw240ac: "cisco-aireos",
    epmp: "cambium-epmp",
    ewc: "extreme-ewc",
    fortiap_fap231g: "fortiap",
    fortigate_500d: "fortigate",
    fortigate_60f: "fortigate",
    fortigate_60f3g4g: "fortigate",
    fortigate_vm01: "fortigate",
    fortigate_webfilter: "fortigate",
    fortiwlc: "fortiwlc",
    "grandstream-ap_gwn7660": "grandstream-gwn",
    "hiveos-wireless": "aerohive",
    "hiveos-wireless_650ax": "aerohive",
    lcos_oap1700b: "lancom-lcos",
    lcoslx_lw500: "lancom-lcos-lx",
    lcoslx_ox6400: "lancom-lcos-lx",
    openwrt: "linux-extend",
    pmp_450: "cambium-pmp",
    routeros: "mikrotik-wireless",
    "routeros_ltap-mini": "mikrotik-wireless",
    "ruckuswireless-unleashed": "ruckus-unleashed",
    ruckuswireless_zd1200: "ruckus-zd",
    unifi: "ubnt-unifi",
    unifi_achd: "ubnt-unifi",
    unifi_ukultra: "ubnt-unifi",
    xirrus_aos: "xirrus",
    zyxelwlc_nxc2500: "zyxel-controller",
};

/**
 * What the MIB gives for recordings without a reference total (LibreNMS names their sensors in
 * ways the comparison below cannot map), and the quirks each reading must carry.
 */
const EXPECTED: Record<string, { clients?: number | null; aps?: number; quirks?: string[] }> = {
    // af60StaTable: one station (the link's peer).
    "airos-af60_airos-af60": { clients: 1 },
    // clients-wlan = 3 (clients-wlan0 2 + clients-wlan1 1).
    openwrt: { clients: 3 },
    // One row in lcosLXStatusWLANStationTable; the LW-500's walk has no station table.
    lcoslx_ox6400: { clients: 1 },
    lcoslx_lw500: { clients: 0 },
    // The walk holds only IEEE802dot11-MIB: the AP is recognised, with no count to give.
    unifi_achd: { clients: null, quirks: ["noClientCounts"] },
    // capwapTotalStation 45, capwapOnlineAP 35.
    zyxelwlc_nxc2500: { clients: 45, aps: 35 },
};

/**
 * Recordings of supported vendors that cannot be polled: the walk holds the sysDescr and
 * sysObjectID only (category wireless-detect-only), or none of the profile's objects, or the
 * family serves no client count. They must be recognised (the error names the family) and
 * reported as unsupported with the reason.
 */
const RECOGNISED_WITHOUT_DATA: Record<string, [profileLabel: RegExp, why: string]> = {
    airos_1: [/airMAX/, "detection-only walk"],
    airos_2: [/airMAX/, "detection-only walk"],
    airport: [/AirPort/, "detection-only walk"],
    airport_3: [/AirPort/, "detection-only walk"],
    "altalabs-ap": [/Alta Labs/, "recorded without ALTA-WIRELESS-MIB (LibreNMS read it later)"],
    "aruba-instant_515": [/Aruba Instant/, "detection-only walk"],
    arubaos_aosw: [/Aruba mobility controller/, "detection-only walk (Alcatel-Lucent OmniAccess)"],
    arubaos_powerconnect: [/Aruba mobility controller/, "detection-only walk (Dell PowerConnect W)"],
    arubaos_aruba7210: [
        /Aruba mobility controller/,
        "no WLSX-SWITCH-MIB totals in the walk; LibreNMS found no wireless data either",
    ],
    ciscowlc: [/Cisco AireOS/, "detection-only walk"],
    ciscowlc_2: [/Cisco AireOS/, "detection-only walk"],
    ciscowap: [/small-business WAP/, "detection-only walk (WAP321: no client-count object documented)"],
    ciscowap_121: [/small-business WAP/, "detection-only walk (WAP121 on a Broadcom sysObjectID)"],
    ciscowap_121ek9: [
        /small-business WAP/,
        "detection-only walk (WAP121: no client-count object documented)",
    ],
    ciscowap_iw9165dh: [/URWB/, "a backhaul mesh radio: no Wi-Fi client table or count"],
    cmm4: [/Cambium CMM/, "a cluster management module, no radio"],
    cmm_1: [/Cambium CMM/, "a cluster management module, no radio"],
    cmm_2: [/Cambium CMM/, "a cluster management module, no radio"],
    cnpilote: [/cnPilot/, "detection-only walk"],
    deliberant: [/Deliberant/, "detection-only walk"],
    dlinkap: [/D-Link/, "no client-count object documented"],
    dlinkap_2: [/D-Link/, "no client-count object documented"],
    engenius: [/EnGenius/, "no client-count object documented"],
    engenius_1: [/EnGenius/, "no client-count object documented"],
    engenius_3: [/EnGenius/, "no client-count object documented"],
    "hiveos-wireless_1": [/HiveOS/, "detection-only walk"],
    hpmsm: [/MSM/, "detection-only walk"],
    lcos: [/LANCOM/, "detection-only walk"],
    ligoos: [/LigoWave/, "detection-only walk"],
    merakimr: [/Meraki/, "a Meraki AP serves no client data itself: the dashboard's SNMP host does"],
    merakimr_mr28: [/Meraki/, "a Meraki AP serves no client data itself: the dashboard's SNMP host does"],
    mimosa: [/Mimosa backhaul/, "a B5c point-to-point link: no client table or count"],
    mimosa_a5: [/Mimosa/, "detection-only walk"],
    "ruckuswireless-sz_smartcell": [/SmartZone/, "detection-only walk"],
    tachyon_tns100: [/Tachyon/, "detection-only walk"],
    unifi_e7: [/UniFi/, "detection-only walk"],
};

/**
 * Disagreements with the reference, each justified by the MIB. Key: `recording reference-descr`.
 */
const JUSTIFIED: Record<string, string> = {
    "zyxelwlc_nxc2500 APs":
        "LibreNMS Zyxelwlc.php reads capwapOnlineAP through a mistyped OID (.11.3.6.1...), so its " +
        "value is 0; ZYXEL-ES-CAPWAP capwapOnlineAP.0 in the walk is 35",
};

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

const BANDS: Record<string, string> = {
    ng: "2.4GHz",
    na: "5GHz",
    "2.4G": "2.4GHz",
    "5G": "5GHz",
    "6G": "6GHz",
    "2.4GHz": "2.4GHz",
    "5GHz": "5GHz",
    "6GHz": "6GHz",
};

/** Compare one poll with the reference sensors; returns the disagreements. */
function compare(name: string, poll: ApPoll, ref: Reference | undefined): { checked: number; off: string[] } {
    const r = poll.reading;
    const off: string[] = [];
    let checked = 0;
    const check = (what: string, ours: number | null | undefined, theirs: number | null): void => {
        checked++;
        if (ours !== theirs && JUSTIFIED[`${name} ${what}`] === undefined) {
            off.push(`${what}: ours ${String(ours)}, reference ${theirs}`);
        }
    };
    const sensors = (ref?.wireless?.clients ?? []).filter(
        (s): s is RefSensor & { value: number } => s.value !== null,
    );
    // Sensors that say the same thing for several interfaces (Deliberant: "Clients" each) add up.
    const byDescr = new Map<string, number>();
    for (const s of sensors) byDescr.set(s.descr, (byDescr.get(s.descr) ?? 0) + s.value);
    const ssids = new Map<string, number>();
    const bandOf = (descr: string): string | undefined => {
        const m = /^(?:Clients \(([^)]+)\)|([0-9.]+GHz))$/.exec(descr);
        return BANDS[m?.[1] ?? m?.[2] ?? ""];
    };
    for (const [descr, value] of byDescr) {
        // "SSID: x (5 GHz)" (Huawei) is one SSID on one band: no per-band SSID counts to compare.
        if (/\((2\.4|5|6) GHz\)$/.test(descr)) continue;
        // MikroTik and LigoWave name an interface by its band and SSID ("2G: name", "SSID: name").
        const m = /^(?:SSID:\s*|SSID\s+|[0-9.]+G:\s*)(.+?)(?:\s+Clients)?$/.exec(descr);
        if (m?.[1] !== undefined) {
            ssids.set(m[1], (ssids.get(m[1]) ?? 0) + value);
            continue;
        }
        if (/total|^clients$|client count|^connected clients$|^registered users$|^wlan$/i.test(descr)) {
            check(descr, r.totals.clients, value);
            continue;
        }
        const band = bandOf(descr);
        if (band !== undefined) {
            const ours = r.aps
                .flatMap((a) => a.radios)
                .filter((x) => x.band === band)
                .reduce((n, x) => n + (x.clients ?? 0), 0);
            check(descr, ours, value);
            continue;
        }
        const perAp = /^Clients \((.+)\)$/.exec(descr)?.[1];
        if (perAp !== undefined) check(descr, r.aps.find((a) => a.name === perAp)?.clients, value);
        // Per-radio sensors named by AP serial ("X Radio 0") are compared as a sum below.
    }
    for (const [ssid, value] of ssids) {
        check(`SSID ${ssid}`, r.ssids.find((s) => s.ssid === ssid)?.clients, value);
    }
    const radios = sensors.filter((s) => / Radio \d+$/.test(s.descr));
    if (radios.length > 0) {
        check(
            "sum of radio sensors",
            r.totals.clients,
            radios.reduce((n, s) => n + s.value, 0),
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
    const expected = EXPECTED[name];
    if (expected?.clients !== undefined) check("MIB total", r.totals.clients, expected.clients);
    if (expected?.aps !== undefined) check("MIB APs", r.totals.aps, expected.aps);
    for (const q of expected?.quirks ?? []) {
        checked++;
        if (!(r.quirks ?? []).includes(q)) off.push(`quirk ${q} missing (${(r.quirks ?? []).join(", ")})`);
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
