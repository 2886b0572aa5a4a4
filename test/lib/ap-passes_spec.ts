/**
 * The engine's passes one at a time (tables.ts, inventory.ts, clients.ts, assemble.ts), on a
 * small controller profile written for these tests: what each pass takes from which table and
 * what it falls back on. The vendor profiles through the whole engine are in ap-profiles_spec.
 * Inputs are snmprec lines turned into the result of a complete walk (ap-result.ts).
 */
import assert from "node:assert/strict";
import {
    apClientCount,
    apInfos,
    chooseTotal,
    apSsids,
    clientList,
    deviceSsids,
    fillSsidsFromRows,
    groupSsids,
    judgeClientList,
    modelOf,
    radioInfos,
    readingTotals,
    readTotals,
    totalSources,
    signalKind,
    withModel,
} from "../../nodes/lib/ap/assemble";
import {
    type ClientRow,
    addClient,
    apsByIp,
    apsByMac,
    clientInfo,
    clientSignal,
    placeClient,
    readClientRows,
    readClients,
} from "../../nodes/lib/ap/clients";
import {
    newDraft,
    SELF,
    type ApAcc,
    type BssAcc,
    type Draft,
    type RadioAcc,
    type ReadingContext,
} from "../../nodes/lib/ap/draft";
import { buildReading, planFor } from "../../nodes/lib/ap/engine";
import {
    readAps,
    readBssids,
    readIfNames,
    readInventory,
    readRadios,
    readVaps,
    readWlans,
} from "../../nodes/lib/ap/inventory";
import { clientColumns, readTable, tableOids } from "../../nodes/lib/ap/tables";
import type { ApProfile, ApReading } from "../../nodes/lib/ap/types";
import type { QueryPlan } from "../../nodes/lib/snmp/query";
import { parseRecords, resultFor } from "./ap-result";

// A controller MIB made up for these tests (enterprise 99999 is no vendor's).
const E = "1.3.6.1.4.1.99999.1";
const AP = `${E}.1.1`; // index apIndex: 1 name, 2 address, 3 clients, 4 state (1 up, 2 down), 5 model
const RADIO = `${E}.2.1`; // index apIndex.slot: 1 type (1 2.4 GHz, 2 5 GHz), 2 channel, 3 noise, 4 clients
const VAP = `${E}.3.1`; // index apIndex.slot.ESSID: 1 clients
const WLAN = `${E}.4.1`; // index wlanIndex: 1 ESSID, 2 clients
const BSS = `${E}.5.1`; // index apIndex.slot.BSSID: 1 ESSID
const STA = `${E}.6.1`; // index client MAC: 1 BSSID, 2 signal, 3 rssi, 4 noise, 5 AP address, 6 AP index as text (like fgWcStaWtpId)
const HOST = `${E}.7.1`; // index client MAC.client IP: 1 host name, 2 signal
const TOTAL_CLIENTS = `${E}.9.1.0`;
const TOTAL_APS = `${E}.9.2.0`;
const MODEL = `${E}.9.3.0`;

const controller: ApProfile = {
    id: "test-controller",
    label: "Test controller",
    kind: "controller",
    detect: { match: [{ oid: "1.3.6.1.4.1.99999." }], probe: `${AP}.1`, probeName: "testApName" },
    signal: "dBm",
    model: { scalar: MODEL },
    totals: { clients: TOTAL_CLIENTS, aps: TOTAL_APS },
    aps: {
        index: [["ap", "int"]],
        cols: {
            name: { oid: `${AP}.1`, as: "text" },
            ip: { oid: `${AP}.2`, as: "ip" },
            clients: { oid: `${AP}.3`, as: "int" },
            model: { oid: `${AP}.5`, as: "text" },
        },
        keep: { col: { oid: `${AP}.4`, as: "int" }, values: [1] },
        modelPattern: /^AP-/,
    },
    radios: {
        index: [
            ["ap", "int"],
            ["radio", "int"],
        ],
        cols: {
            band: { oid: `${RADIO}.1`, as: "enum", map: { 1: "2.4GHz", 2: "5GHz" } },
            channel: { oid: `${RADIO}.2`, as: "int" },
            noise: { oid: `${RADIO}.3`, as: "int" },
            clients: { oid: `${RADIO}.4`, as: "int" },
        },
    },
    vaps: {
        index: [
            ["ap", "int"],
            ["radio", "int"],
            ["ssid", "string"],
        ],
        cols: { clients: { oid: `${VAP}.1`, as: "int" } },
    },
    wlans: {
        index: [["wlan", "int"]],
        cols: { ssid: { oid: `${WLAN}.1`, as: "text" }, clients: { oid: `${WLAN}.2`, as: "int" } },
    },
    bssids: {
        index: [
            ["ap", "int"],
            ["radio", "int"],
            ["bssid", "mac"],
        ],
        cols: { ssid: { oid: `${BSS}.1`, as: "text" } },
    },
    clients: {
        index: [["mac", "mac"]],
        cols: {
            bssid: { oid: `${STA}.1`, as: "mac" },
            signal: { oid: `${STA}.2`, as: "int" },
            rssi: { oid: `${STA}.3`, as: "int" },
            noise: { oid: `${STA}.4`, as: "int" },
            apIp: { oid: `${STA}.5`, as: "ip" },
            ap: { oid: `${STA}.6`, as: "text" },
        },
        joins: [
            {
                index: [
                    ["mac", "mac"],
                    ["ip", "ip"],
                ],
                cols: { name: { oid: `${HOST}.1`, as: "text" }, signal: { oid: `${HOST}.2`, as: "int" } },
            },
        ],
    },
};

/** The counters-only variant: no per-client table. */
const countsOnly: ApProfile = { ...controller, clients: undefined };

/** A standalone AP with the same radio and client tables (every row is its own). */
const standaloneAp: ApProfile = {
    ...controller,
    id: "test-ap",
    kind: "standalone",
    aps: undefined,
    bssids: undefined,
    totals: { clients: TOTAL_CLIENTS },
};

const CTX: ReadingContext = { device: "Office", host: "192.0.2.10", time: "2026-01-01T00:00:00.000Z" };

/** An OID index of a MAC address. */
function mac(m: string): string {
    return m
        .split(":")
        .map((h) => parseInt(h, 16))
        .join(".");
}

/** An OID index of a length-prefixed string (SMI, RFC 2578 section 7.7). */
function str(s: string): string {
    return [s.length, ...Buffer.from(s, "latin1")].join(".");
}

const A = "3c:22:fb:00:00:01";
const B = "3c:22:fb:00:00:02";
const C = "3c:22:fb:00:00:03";
const BSS_1_2 = "00:3a:7d:00:01:02"; // AP 1, 5 GHz radio

function draft(
    profile: ApProfile,
    lines: string[],
    ctx: Partial<ReadingContext> = {},
    plan: Partial<QueryPlan> = {},
): Draft {
    const result = resultFor(parseRecords(lines.join("\n")), { ...planFor(profile), ...plan });
    return newDraft(profile, result, { ...CTX, ...ctx });
}

/** The AP of the draft with this key (which must be there). */
function apOf(d: Draft, key: string): ApAcc {
    const ap = d.aps.get(key);
    assert.ok(ap, `AP ${key} in ${[...d.aps.keys()].join(", ")}`);
    return ap;
}

/** The draft after the given passes, run in the order given. */
function after(d: Draft, ...passes: ((d: Draft) => void)[]): Draft {
    for (const pass of passes) pass(d);
    return d;
}

/** The draft after the inventory passes. */
function inventory(d: Draft): Draft {
    readInventory(d);
    return d;
}

/** Two APs up (Lobby, Meeting), one down (Store), one that is a mesh bridge, not an AP. */
const APS = [
    `${AP}.1.1|4|Lobby`,
    `${AP}.1.2|4|Meeting`,
    `${AP}.1.3|4|Store`,
    `${AP}.1.4|4|Bridge`,
    `${AP}.2.1|64|192.0.2.21`,
    `${AP}.2.2|64|192.0.2.22`,
    `${AP}.4.1|2|1`,
    `${AP}.4.2|2|1`,
    `${AP}.4.3|2|2`,
    `${AP}.4.4|2|1`,
    `${AP}.5.1|4|AP-305`,
    `${AP}.5.2|4|AP-505`,
    `${AP}.5.3|4|AP-305`,
    `${AP}.5.4|4|MB-100`,
];

/** Radios of the Lobby (two) and of the Store, which is down. */
const RADIOS = [
    `${RADIO}.1.1.1|2|1`,
    `${RADIO}.1.1.2|2|2`,
    `${RADIO}.1.3.1|2|1`,
    `${RADIO}.2.1.1|2|6`,
    `${RADIO}.2.1.2|2|36`,
    `${RADIO}.3.1.2|2|-92`,
];

describe("ap passes: tables", () => {
    it("lists the columns a table reads, its filters included, and each client column once", () => {
        assert.deepEqual(tableOids(controller.aps), [`${AP}.1`, `${AP}.2`, `${AP}.3`, `${AP}.5`, `${AP}.4`]);
        const shared = { ...controller.clients, joins: [controller.clients?.joins?.[0], controller.clients] };
        const columns = clientColumns({ ...controller, clients: shared } as ApProfile);
        assert.equal(new Set(columns).size, columns.length);
        assert.ok(columns.includes(`${HOST}.1`) && columns.includes(`${STA}.6`));
    });

    it("keeps rows by their filter, and names those it leaves out", () => {
        const d = draft(controller, APS);
        const down = new Set<string>();
        const rows = readTable(d.result, controller.aps, down);
        assert.deepEqual(
            rows.map((r) => r.v.name),
            ["Lobby", "Meeting", "Bridge"],
        );
        assert.deepEqual([...down], ["3"]);
    });

    it("keeps a row whose filter value is missing: the filter never hides what it cannot judge", () => {
        const d = draft(controller, [`${AP}.1.7|4|New`]);
        assert.deepEqual(
            readTable(d.result, controller.aps).map((r) => r.idx.ap),
            ["7"],
        );
    });

    it("drops rows whose index has another shape, and keeps rows whose values are all unusable", () => {
        const d = draft(controller, [`${RADIO}.4.1.1.9|2|1`, `${RADIO}.4.1|4x|ff`, `${RADIO}.4.2.1|4|many`]);
        const rows = readTable(d.result, controller.radios);
        assert.deepEqual(
            rows.map((r) => [r.idx, r.v]),
            [[{ ap: "2", radio: "1" }, {}]],
        );
    });

    it("takes rows only from the defining column when the table says so (rowsFrom)", () => {
        const def = { ...controller.radios, rowsFrom: "band" } as NonNullable<ApProfile["radios"]>;
        const d = draft({ ...controller, radios: def }, [...RADIOS, `${RADIO}.2.2.1|2|11`]);
        assert.deepEqual(
            readTable(d.result, def).map((r) => `${r.idx.ap}.${r.idx.radio}`),
            ["1.1", "1.2", "3.1"],
        );
    });
});

describe("ap passes: inventory", () => {
    it("a standalone device starts as its own AP, named as the poll names it", () => {
        const d = newDraft(standaloneAp, resultFor([], planFor(standaloneAp)), CTX);
        assert.deepEqual([...d.aps.keys()], [SELF]);
        assert.equal(d.aps.get(SELF)?.name, "Office");
        assert.equal(d.aps.get(SELF)?.ip, "192.0.2.10");
        const byName = newDraft(standaloneAp, resultFor([], planFor(standaloneAp)), {
            ...CTX,
            host: "ap.example",
        });
        assert.equal(byName.aps.get(SELF)?.ip, undefined, "a host name is no IP address");
    });

    it("reads the APs that are up and are APs; the others are excluded", () => {
        const d = after(draft(controller, APS), readAps);
        assert.deepEqual(
            [...d.aps.values()].map((a) => [a.key, a.name, a.ip]),
            [
                ["1", "Lobby", "192.0.2.21"],
                ["2", "Meeting", "192.0.2.22"],
            ],
        );
        assert.deepEqual([...d.excluded].sort(), ["3", "4"]);
    });

    it("leaves out the radios and SSIDs of an excluded AP", () => {
        const d = after(
            draft(controller, [...APS, ...RADIOS, `${VAP}.1.3.1.${str("Staff")}|2|4`]),
            readAps,
            readRadios,
            readVaps,
        );
        assert.equal(d.aps.has("3"), false);
        assert.deepEqual([...(d.aps.get("1")?.radios.keys() ?? [])], ["1", "2"]);
    });

    it("takes an AP's MAC from its index when the table is indexed by MAC", () => {
        const profile: ApProfile = {
            ...controller,
            aps: { index: [["ap", "mac"]], cols: { name: { oid: `${AP}.1`, as: "text" } } },
        };
        const d = after(draft(profile, [`${AP}.1.${mac("00:3a:7d:00:00:01")}|4|Lobby`]), readAps);
        assert.equal(d.aps.get("00:3a:7d:00:00:01")?.mac, "00:3a:7d:00:00:01");
    });

    it("names APs or radios from IF-MIB ifName when the profile says they are interfaces", () => {
        const IF_NAME = "1.3.6.1.2.1.31.1.1.1.1";
        const byIf = after(
            draft({ ...controller, ifNames: "ap" }, [...APS, `${IF_NAME}.1|4|cap-lobby`]),
            readIfNames,
            readAps,
        );
        assert.equal(byIf.aps.get("1")?.name, "cap-lobby");
        assert.equal(byIf.aps.get("2")?.name, "Meeting", "no ifName: the table's name");
        const radios = after(
            draft({ ...standaloneAp, ifNames: "radio" }, [...RADIOS, `${IF_NAME}.2|4|wlan2`]),
            readIfNames,
            readRadios,
        );
        assert.deepEqual(
            [...(radios.aps.get(SELF)?.radios.values() ?? [])].map((r) => r.label),
            [undefined, "wlan2"],
        );
    });

    it("reads band, channel, noise and count per radio", () => {
        const d = after(draft(controller, [...APS, ...RADIOS, `${RADIO}.4.1.2|2|9`]), readAps, readRadios);
        const r = apOf(d, "1").radios.get("2");
        assert.deepEqual([r?.band, r?.channel, r?.noise, r?.clients], ["5GHz", 36, -92, 9]);
    });

    it("a radio row that is one SSID (an AP interface) also counts as that SSID", () => {
        const profile: ApProfile = {
            ...standaloneAp,
            radios: {
                ...controller.radios,
                cols: { ...controller.radios?.cols, ssid: { oid: `${RADIO}.5`, as: "text" } },
            } as ApProfile["radios"],
        };
        const d = after(
            draft(profile, [`${RADIO}.1.1.1|2|1`, `${RADIO}.4.1.1|2|3`, `${RADIO}.5.1.1|4|Staff`]),
            readRadios,
        );
        const ap = d.aps.get(SELF);
        assert.equal(ap?.radios.get("1")?.ssid, "Staff");
        assert.deepEqual(ap?.vaps, [{ radio: "1", ssid: "Staff", clients: 3, band: "2.4GHz" }]);
    });

    it("reads SSID counts per AP and radio, adding a radio no radio row gave", () => {
        const d = after(
            draft(controller, [
                ...APS,
                `${VAP}.1.2.1.${str("Staff")}|2|4`,
                `${VAP}.1.2.1.${str("Guest")}|2|1`,
                `${VAP}.1.2.3.${str("Staff")}|2|2`,
            ]),
            readAps,
            readVaps,
        );
        const ap = d.aps.get("2");
        assert.deepEqual(ap?.vaps, [
            { ssid: "Guest", clients: 1, radio: "1" },
            { ssid: "Staff", clients: 4, radio: "1" },
            { ssid: "Staff", clients: 2, radio: "3" },
        ]);
        assert.deepEqual([...(ap?.radios.keys() ?? [])], ["1", "3"]);
    });

    it("a VAP that names its radio only by band gets that band as its radio (UniFi)", () => {
        const profile: ApProfile = {
            ...standaloneAp,
            radios: undefined,
            vaps: {
                index: [["vap", "int"]],
                cols: {
                    ssid: { oid: `${VAP}.2`, as: "text" },
                    band: { oid: `${VAP}.3`, as: "bandText" },
                    channel: { oid: `${VAP}.4`, as: "int" },
                    clients: { oid: `${VAP}.1`, as: "int" },
                },
            },
        };
        const d = after(
            draft(profile, [`${VAP}.1.5|2|7`, `${VAP}.2.5|4|Staff`, `${VAP}.3.5|4|na`, `${VAP}.4.5|2|44`]),
            readVaps,
        );
        const ap = d.aps.get(SELF);
        assert.deepEqual(ap?.vaps, [{ ssid: "Staff", clients: 7, radio: "5GHz", band: "5GHz" }]);
        assert.deepEqual(ap?.radios.get("5GHz"), { key: "5GHz", band: "5GHz", channel: 44 });
    });

    it("reads device-wide SSID counts and the BSSID map", () => {
        const d = after(
            draft(controller, [
                `${WLAN}.1.1|4|Staff`,
                `${WLAN}.1.2|4|Guest`,
                `${WLAN}.2.1|2|12`,
                `${WLAN}.2.3|2|5`,
                `${BSS}.1.1.2.${mac(BSS_1_2)}|4|Staff`,
            ]),
            readWlans,
            readBssids,
        );
        assert.deepEqual(
            d.wlans.map((w) => [w.ssid, w.clients]),
            [
                ["Staff", 12],
                ["Guest", undefined],
                // WLAN 3 counts 5 but has no name served (bsnDot11EssSsid on some 9800s): the
                // count stays, under the empty name.
                ["", 5],
            ],
        );
        assert.deepEqual(d.bssids.get(BSS_1_2), { ap: "1", radio: "2", ssid: "Staff" });
    });
});

describe("ap passes: clients", () => {
    it("joins tables of other indexes by client MAC, filling only what the client table lacks", () => {
        const d = draft(controller, [
            `${STA}.2.${mac(A)}|2|-50`,
            `${STA}.2.${mac(B)}|2|-70`,
            `${HOST}.1.${mac(A)}.10.1.2.3|4|laptop-anna`,
            `${HOST}.2.${mac(A)}.10.1.2.3|2|-99`,
            `${HOST}.1.${mac(C)}.10.1.2.4|4|not connected`,
        ]);
        const rows = readClientRows(d);
        assert.deepEqual([...rows.keys()], [A, B], "a joined row alone is no client");
        assert.deepEqual(rows.get(A)?.v, { signal: -50, name: "laptop-anna", ip: "10.1.2.3" });
    });

    it("places a client on the AP its row names, else its BSSID's, else the AP with its AP address", () => {
        const d = inventory(
            draft(controller, [
                ...APS,
                ...RADIOS,
                `${BSS}.1.1.2.${mac(BSS_1_2)}|4|Staff`,
                `${STA}.6.${mac(A)}|4|2`,
                `${STA}.1.${mac(A)}|4x|003a7d000102`,
                `${STA}.1.${mac(B)}|4x|003a7d000102`,
                `${STA}.5.${mac(C)}|64|192.0.2.22`,
            ]),
        );
        const rows = readClientRows(d);
        const byIp = apsByIp(d);
        const place = (m: string) => placeClient(d, rows.get(m) ?? { idx: {}, v: {} }, byIp);
        assert.deepEqual(place(A), { ap: "2", bss: { ap: "1", radio: "2", ssid: "Staff" }, radio: "2" });
        assert.deepEqual(place(B), { ap: "1", radio: "2", bss: { ap: "1", radio: "2", ssid: "Staff" } });
        assert.deepEqual(place(C), { ap: "2" });
    });

    it("places every client of a standalone device on the device", () => {
        const d = inventory(draft(standaloneAp, [`${STA}.2.${mac(A)}|2|-50`, `${STA}.6.${mac(A)}|4|9`]));
        const row = readClientRows(d).get(A);
        assert.ok(row);
        assert.deepEqual(placeClient(d, row, new Map()), { ap: SELF });
    });

    it("reads an RSSI of unstated scale as dBm only when negative, else as an SNR", () => {
        assert.deepEqual(clientSignal({ rssi: -61 }), { signal: -61 });
        assert.deepEqual(clientSignal({ rssi: 35 }), { snr: 35 });
        assert.deepEqual(clientSignal({ signal: -55, rssi: -80 }), { signal: -55 }, "a signal column wins");
        assert.deepEqual(clientSignal({ signal: -60, noise: -95 }), { signal: -60, snr: 35, noise: -95 });
        assert.deepEqual(clientSignal({ signal: -60, snr: 20, noise: -95 }), {
            signal: -60,
            snr: 20,
            noise: -95,
        });
        assert.deepEqual(clientSignal({ signal: 0 }), {}, "0 dBm is 'unknown'");
    });

    it("takes a client's SSID and band from its BSS or radio when its row has none", () => {
        const d = inventory(draft(controller, RADIOS));
        const radio = d.aps.get("1")?.radios.get("2");
        const info = clientInfo(d, A, { idx: { mac: A }, v: { signal: -50 } }, { ssid: "Staff" }, radio);
        assert.deepEqual(info, { mac: A, ssid: "Staff", band: "5GHz", signal: -50 });
        const row = (idx: Record<string, string>) => ({ idx: { mac: B, ...idx }, v: {} });
        const ssid = (r: ClientRow, bss?: BssAcc, radioAcc?: RadioAcc) =>
            clientInfo(d, B, r, bss, radioAcc).ssid;
        assert.equal(ssid(row({ ssid: "Guest" }), { ssid: "Staff" }), "Guest", "the row's index first");
        assert.equal(ssid(row({}), undefined, { key: "1", ssid: "IoT" }), "IoT", "an AP interface's SSID");
        assert.equal(ssid(row({})), undefined);
    });

    it("names a client by the device's name for it, else the user's MAC table", () => {
        const d = draft(controller, [], {
            macNames: new Map([
                [A, "Anna"],
                [B, "Bob"],
            ]),
        });
        const named = clientInfo(d, A, { idx: { mac: A }, v: { name: "laptop-anna" } }, undefined, undefined);
        const listed = clientInfo(d, B, { idx: { mac: B }, v: {} }, undefined, undefined);
        assert.equal(named.name, "laptop-anna");
        assert.equal(listed.name, "Bob");
    });

    it("leaves out the clients of an excluded AP", () => {
        const d = inventory(draft(controller, [...APS, `${STA}.6.${mac(A)}|4|3`, `${STA}.6.${mac(B)}|4|1`]));
        readClients(d);
        assert.deepEqual(
            d.clients.map((c) => [c.mac, c.ap]),
            [[B, "1"]],
        );
    });

    it("adds an AP no AP table listed when a client names it", () => {
        const d = inventory(draft(controller, [`${STA}.6.${mac(A)}|4|8`]));
        readClients(d);
        assert.deepEqual([...d.aps.keys()], ["8"]);
        assert.equal(d.aps.get("8")?.clientRows.length, 1);
    });

    it("without a radio table, the radios clients name become the AP's radios", () => {
        const noRadios: ApProfile = { ...controller, radios: undefined };
        const d = inventory(draft(noRadios, [...APS, `${BSS}.1.1.2.${mac(BSS_1_2)}|4|Staff`]));
        addClient(d, A, { idx: { mac: A }, v: { bssid: BSS_1_2 } }, new Map());
        assert.deepEqual(d.aps.get("1")?.radios.get("2"), { key: "2" });
        const withRadios = inventory(draft(controller, [...APS, `${BSS}.1.1.2.${mac(BSS_1_2)}|4|Staff`]));
        addClient(withRadios, A, { idx: { mac: A }, v: { bssid: BSS_1_2 } }, new Map());
        assert.equal(withRadios.aps.get("1")?.radios.has("2"), false, "the radio table is the truth");
    });
});

/** The whole draft, as buildReading has it before assembly. */
function built(profile: ApProfile, lines: string[], plan: Partial<QueryPlan> = {}): Draft {
    const d = inventory(draft(profile, lines, {}, plan));
    readClients(d);
    return d;
}

describe("ap passes: assembly", () => {
    it("reads the totals the device keeps, and only those", () => {
        assert.deepEqual(readTotals(built(controller, [`${TOTAL_CLIENTS}|65|41`, `${TOTAL_APS}|66|3`])), {
            clients: 41,
            aps: 3,
        });
        assert.deepEqual(readTotals(built(controller, [`${TOTAL_CLIENTS}|4|many`])), {});
    });

    it("counts an AP's clients from its counter, radios, SSIDs, then its client rows", () => {
        const d = built(controller, [
            ...APS,
            `${AP}.3.2|2|11`,
            `${RADIO}.4.1.1|2|3`,
            `${RADIO}.4.1.2|2|4`,
            `${VAP}.1.5.1.${str("Staff")}|2|6`,
            `${STA}.6.${mac(A)}|4|6`,
            `${STA}.6.${mac(B)}|4|6`,
        ]);
        const count = (key: string, perClient: boolean) => {
            const ap = d.aps.get(key);
            assert.ok(ap, key);
            return apClientCount(d, ap, {}, perClient);
        };
        assert.equal(count("2", true), 11, "the AP's own counter");
        assert.equal(count("1", true), 7, "the sum of its radios");
        assert.equal(count("5", true), 6, "the sum of its SSIDs");
        assert.equal(count("6", true), 2, "its client rows");
        assert.equal(count("6", false), undefined, "absent, never 0, when the rows are not trusted");
    });

    it("gives a standalone device's total to its one AP", () => {
        const d = built(standaloneAp, [`${TOTAL_CLIENTS}|2|17`, `${RADIO}.4.1.1|2|3`]);
        const self = d.aps.get(SELF);
        assert.ok(self);
        assert.equal(apClientCount(d, self, readTotals(d), false), 17);
    });

    it("trusts the client list only when the client table answered or the counters say nobody", () => {
        const answered = built(controller, [`${TOTAL_CLIENTS}|2|2`, `${STA}.2.${mac(A)}|2|-50`]);
        assert.deepEqual(judgeClientList(answered, readTotals(answered)), {
            perClient: true,
            complete: true,
        });
        const silent = built(controller, [...APS, `${AP}.3.1|2|5`]);
        assert.deepEqual(judgeClientList(silent, readTotals(silent)), { perClient: false, complete: false });
        const nobody = built(controller, [`${TOTAL_CLIENTS}|2|0`]);
        assert.deepEqual(judgeClientList(nobody, readTotals(nobody)), { perClient: true, complete: true });
        // The profile reads counters and none answered: nothing is known, no 0 is made up.
        const silentCounts = built(controller, []);
        assert.equal(judgeClientList(silentCounts, {}).perClient, false);
        // A MIB without counters: an empty client table is nobody.
        const rowsOnly: ApProfile = {
            ...controller,
            totals: undefined,
            aps: undefined,
            radios: undefined,
            vaps: undefined,
            wlans: undefined,
        };
        assert.equal(judgeClientList(built(rowsOnly, []), {}).perClient, true);
        const noTable = built(countsOnly, []);
        assert.equal(judgeClientList(noTable, {}).perClient, false, "no client table in the profile");
    });

    it("calls a client list cut short incomplete, so no events are derived from it", () => {
        const d = built(controller, [`${STA}.2.${mac(A)}|2|-50`, `${STA}.2.${mac(B)}|2|-60`], { maxRows: 1 });
        assert.deepEqual(judgeClientList(d, {}), { perClient: true, complete: false });
    });

    it("counts a radio from its counter, its SSIDs, or its clients; absent when none says", () => {
        const d = built(controller, [
            ...APS,
            `${RADIO}.4.1.1|2|3`,
            `${RADIO}.1.1.2|2|2`,
            `${RADIO}.1.1.5|2|2`,
            `${VAP}.1.1.2.${str("Staff")}|2|4`,
            `${VAP}.1.1.2.${str("Guest")}|2|1`,
            `${BSS}.1.1.5.${mac(BSS_1_2)}|4|Staff`,
            `${STA}.1.${mac(A)}|4x|003a7d000102`,
        ]);
        const ap = d.aps.get("1");
        assert.ok(ap);
        assert.deepEqual(radioInfos(ap, true), [
            { id: "1", clients: 3 },
            { id: "2", band: "5GHz", clients: 5 },
            { id: "5", band: "5GHz", clients: 1 },
        ]);
        assert.deepEqual(
            radioInfos(ap, false).map((r) => r.clients),
            [3, 5, undefined],
        );
    });

    it("orders radios by index as numbers, and names them by label where there is one", () => {
        const d = built(standaloneAp, [`${RADIO}.1.1.10|2|1`, `${RADIO}.1.1.9|2|2`]);
        const self = d.aps.get(SELF);
        assert.ok(self);
        const nine = self.radios.get("9");
        assert.ok(nine);
        nine.label = "wlan0";
        assert.deepEqual(
            radioInfos(self, false).map((r) => r.id),
            ["wlan0", "10"],
        );
    });

    it("gives an AP's SSIDs from its VAPs, else the device's WLANs (standalone), else its clients", () => {
        const vaps = built(controller, [...APS, `${VAP}.1.1.1.${str("Staff")}|2|4`, `${WLAN}.1.1|4|Guest`]);
        assert.deepEqual(apSsids(vaps, apOf(vaps, "1"), true), [{ ssid: "Staff", clients: 4 }]);
        const wlans = built(standaloneAp, [`${WLAN}.1.1|4|Guest`, `${WLAN}.2.1|2|2`]);
        assert.deepEqual(apSsids(wlans, apOf(wlans, SELF), true), [{ ssid: "Guest", clients: 2 }]);
        const clients = built(controller, [
            ...APS,
            `${BSS}.1.1.2.${mac(BSS_1_2)}|4|Staff`,
            `${STA}.1.${mac(A)}|4x|003a7d000102`,
            `${STA}.1.${mac(B)}|4x|003a7d000102`,
        ]);
        assert.deepEqual(apSsids(clients, apOf(clients, "1"), true), [{ ssid: "Staff", clients: 2 }]);
        assert.deepEqual(apSsids(clients, apOf(clients, "1"), false), [], "untrusted rows count nothing");
    });

    it("groups SSID counts by name, leaving out the unknown ones and an unnamed SSID without clients", () => {
        assert.deepEqual(
            groupSsids([
                { ssid: "Staff", clients: 2 },
                { ssid: "Guest", clients: undefined },
                { ssid: "", clients: 0 },
                { ssid: "Staff", clients: 3 },
                { ssid: "Guest", clients: 0 },
            ]),
            [
                { ssid: "Guest", clients: 0 },
                { ssid: "Staff", clients: 5 },
            ],
        );
        assert.deepEqual(groupSsids([{ ssid: "", clients: 2 }]), [{ ssid: "", clients: 2 }], "hidden SSID");
    });

    it("lists APs by name in the documented key order; a standalone AP has the host as id", () => {
        const d = built(controller, [...APS, `${AP}.3.1|2|2`]);
        const aps = apInfos(d, {}, false);
        assert.deepEqual(
            aps.map((a) => Object.keys(a)),
            [
                ["id", "name", "ip", "clients", "radios", "ssids"],
                ["id", "name", "ip", "radios", "ssids"],
            ],
        );
        assert.deepEqual(
            aps.map((a) => a.name),
            ["Lobby", "Meeting"],
        );
        const s = built(standaloneAp, []);
        assert.equal(apInfos(s, {}, false)[0]?.id, "192.0.2.10");
    });

    it("lists clients by MAC with their AP's name, and maps each to its AP id for roaming", () => {
        const d = built(controller, [
            ...APS,
            `${STA}.6.${mac(B)}|4|1`,
            `${STA}.6.${mac(A)}|4|2`,
            `${STA}.2.${mac(C)}|2|-70`,
        ]);
        const { clients, clientAps } = clientList(d, true);
        assert.deepEqual(clients, [
            { mac: A, ap: "Meeting" },
            { mac: B, ap: "Lobby" },
            { mac: C, signal: -70 },
        ]);
        assert.deepEqual(
            [...clientAps],
            [
                [A, "2"],
                [B, "1"],
            ],
        );
        assert.deepEqual(clientList(d, false), { clients: [], clientAps: new Map() });
        const s = built(standaloneAp, [`${STA}.2.${mac(A)}|2|-50`]);
        const alone = clientList(s, true);
        assert.deepEqual(alone.clients, [{ mac: A, ap: "Office", signal: -50 }]);
        assert.deepEqual([...alone.clientAps], [[A, "192.0.2.10"]], "a standalone AP's id is its host");
    });

    it("takes the device's SSIDs from its WLAN table, else sums its APs'", () => {
        const d = built(controller, [`${WLAN}.1.1|4|Staff`, `${WLAN}.2.1|2|4`]);
        const aps = [{ id: "1", name: "a", radios: [], ssids: [{ ssid: "Guest", clients: 3 }] }];
        assert.deepEqual(deviceSsids(d, aps), [{ ssid: "Staff", clients: 4 }]);
        const none = built(controller, []);
        assert.deepEqual(deviceSsids(none, [...aps, ...aps]), [{ ssid: "Guest", clients: 6 }]);
    });

    it("totals: the device's own count first, then the sums; null, not 0, when nothing counts", () => {
        const d = built(controller, [`${WLAN}.1.1|4|Staff`, `${WLAN}.2.1|2|4`]);
        const ap = (clients?: number) => ({ id: "x", name: "x", clients, radios: [], ssids: [] });
        assert.deepEqual(readingTotals(d, { clients: 9, aps: 5 }, [ap(2)], [], true), { clients: 9, aps: 1 });
        // A controller without a total scalar: its WLAN counts are its own total, not its APs' sum.
        assert.deepEqual(readingTotals(d, {}, [ap(2), ap(3)], [], true), { clients: 4, aps: 2 });
        assert.deepEqual(chooseTotal(totalSources(d, {}, [ap(2), ap(3)], [], true)).quirks, [
            "apTotalsDiffer",
        ]);
        const noWlans = built(controller, []);
        assert.deepEqual(readingTotals(noWlans, {}, [ap(2), ap(3)], [], true), { clients: 5, aps: 2 });
        assert.deepEqual(readingTotals(d, { aps: 5 }, [], [], true), { clients: 4, aps: 5 });
        const none = built(controller, []);
        assert.deepEqual(readingTotals(none, {}, [ap()], [], false), { clients: null, aps: 1 });
        assert.deepEqual(readingTotals(none, {}, [], [{ mac: A }], true), { clients: 1, aps: 0 });
        const s = built(standaloneAp, []);
        assert.equal(readingTotals(s, {}, [], [], false).aps, 1);
    });

    it("reads the model from its scalar, else a column's first row, else sysDescr", () => {
        const SYS_DESCR = "1.3.6.1.2.1.1.1.0";
        const profile: ApProfile = {
            ...controller,
            model: { scalar: MODEL, column: `${AP}.5`, sysDescr: /Controller (\S+)/ },
        };
        const model = (lines: string[]) => {
            const d = draft(profile, lines);
            return modelOf(d.profile, d.result);
        };
        assert.equal(model([`${MODEL}|4|WC-7200`, `${AP}.5.1|4|AP-305`]), "WC-7200");
        assert.equal(model([`${MODEL}|4|`, `${AP}.5.1|4|`, `${AP}.5.2|4|AP-305`]), "AP-305");
        assert.equal(model([`${SYS_DESCR}|4|Test Controller WC-9 ver 1.2`]), "WC-9");
        assert.equal(model([]), undefined);
    });

    it("says what the signal figures are by what the clients carry", () => {
        assert.equal(signalKind("dBm", false, [{ mac: A, signal: -50 }]), "none");
        assert.equal(signalKind("snr", true, [{ mac: A, signal: -50 }]), "dBm");
        assert.equal(signalKind("dBm", true, [{ mac: A, snr: 30 }]), "snr");
        assert.equal(signalKind("dBm", true, [{ mac: A }]), "none");
        assert.equal(signalKind("dBm", true, []), "dBm", "nobody connected: what the profile reads");
    });

    it("puts the model after the profile, in the documented key order", () => {
        const reading = buildReading(controller, resultFor([], planFor(controller)), CTX).reading;
        assert.equal(withModel(reading, undefined), reading);
        assert.deepEqual(Object.keys(withModel(reading, "WC-7200")).slice(0, 6), [
            "device",
            "host",
            "reachable",
            "profile",
            "model",
            "time",
        ]);
    });
});

describe("ap passes: buildReading runs them all", () => {
    it("reads a controller with counters, VAPs, BSSIDs and clients as a user would check it", () => {
        const { reading, clientAps, clientsComplete } = buildReading(
            controller,
            resultFor(
                parseRecords(
                    [
                        `${MODEL}|4|WC-7200`,
                        ...APS,
                        ...RADIOS,
                        `${RADIO}.4.1.1|2|1`,
                        `${RADIO}.4.1.2|2|2`,
                        `${VAP}.1.1.2.${str("Staff")}|2|2`,
                        `${VAP}.1.1.1.${str("Guest")}|2|1`,
                        `${BSS}.1.1.2.${mac(BSS_1_2)}|4|Staff`,
                        `${STA}.1.${mac(A)}|4x|003a7d000102`,
                        `${STA}.1.${mac(B)}|4x|003a7d000102`,
                        `${STA}.2.${mac(A)}|2|-48`,
                        `${STA}.3.${mac(B)}|2|30`,
                        `${STA}.6.${mac(C)}|4|1`,
                        `${STA}.6.${mac("3c:22:fb:00:00:09")}|4|3`,
                        `${HOST}.1.${mac(A)}.10.1.2.3|4|laptop-anna`,
                    ].join("\n"),
                ),
                planFor(controller),
            ),
            { ...CTX, macNames: new Map([[B, "Bob"]]) },
        );
        const expected: ApReading = {
            device: "Office",
            host: "192.0.2.10",
            reachable: true,
            profile: "test-controller",
            model: "WC-7200",
            time: CTX.time,
            totals: { clients: 3, aps: 2 },
            aps: [
                {
                    id: "1",
                    name: "Lobby",
                    ip: "192.0.2.21",
                    clients: 3,
                    radios: [
                        { id: "1", band: "2.4GHz", channel: 6, clients: 1 },
                        { id: "2", band: "5GHz", channel: 36, clients: 2, noise: -92 },
                    ],
                    ssids: [
                        { ssid: "Guest", clients: 1 },
                        { ssid: "Staff", clients: 2 },
                    ],
                },
                { id: "2", name: "Meeting", ip: "192.0.2.22", clients: 0, radios: [], ssids: [] },
            ],
            ssids: [
                { ssid: "Guest", clients: 1 },
                { ssid: "Staff", clients: 2 },
            ],
            clients: [
                {
                    mac: A,
                    ap: "Lobby",
                    ssid: "Staff",
                    band: "5GHz",
                    signal: -48,
                    ip: "10.1.2.3",
                    name: "laptop-anna",
                },
                { mac: B, ap: "Lobby", ssid: "Staff", band: "5GHz", snr: 30, name: "Bob" },
                { mac: C, ap: "Lobby" },
            ],
            capabilities: { perClient: true, signal: "dBm" },
        };
        assert.deepEqual(reading, expected);
        assert.deepEqual([...clientAps.values()], ["1", "1", "1"]);
        assert.equal(clientsComplete, true);
    });
});

describe("ap passes: what the vendor families of issue 12 need", () => {
    // A made-up standalone AP whose client table is indexed by a row number, MAC in a column.
    const T = "1.3.6.1.4.1.99999.9";
    const rowsAp: ApProfile = {
        id: "test-rows",
        label: "test",
        kind: "standalone",
        detect: { match: [], probe: `${T}.1.1.2`, probeName: "test" },
        signal: "none",
        wlans: { index: [["wlan", "int"]], cols: { ssid: { oid: `${T}.1.1.2`, as: "text" } } },
        clients: {
            index: [
                ["wlan", "int"],
                ["row", "int"],
            ],
            cols: { mac: { oid: `${T}.2.1.2`, as: "mac" } },
        },
    };
    const rows = (lines: string[]): Draft => built(rowsAp, lines);

    it("counts a client row without a readable MAC on its AP, and calls the list incomplete", () => {
        const d = rows([
            `${T}.1.1.2.9|4|Lobby`,
            `${T}.2.1.2.9.1|4|aa:00:00:00:00:01`,
            `${T}.2.1.2.9.2|4|not a mac`,
        ]);
        assert.equal(d.unnamedClients.length, 1);
        assert.equal(apOf(d, SELF).unnamedRows.length, 1);
        assert.equal(apClientCount(d, apOf(d, SELF), {}, true), 2);
        assert.deepEqual(judgeClientList(d, {}), { perClient: true, complete: false });
        fillSsidsFromRows(d, true);
        assert.deepEqual(
            groupSsids(d.wlans),
            [{ ssid: "Lobby", clients: 2 }],
            "the row without a MAC still says its SSID: the SSID count includes it",
        );
    });

    it("names a client's SSID from the WLAN its index names, and counts listed SSIDs from the rows", () => {
        const d = rows([
            `${T}.1.1.2.9|4|Lobby`,
            `${T}.1.1.2.10|4|Staff`,
            `${T}.1.1.2.11|4|Staff`,
            `${T}.2.1.2.9.1|4|aa:00:00:00:00:01`,
            `${T}.2.1.2.10.2|4|aa:00:00:00:00:02`,
            `${T}.2.1.2.10.3|4|aa:00:00:00:00:03`,
        ]);
        assert.deepEqual(
            d.clients.map((c) => c.info.ssid),
            ["Lobby", "Staff", "Staff"],
        );
        fillSsidsFromRows(d, true);
        assert.deepEqual(groupSsids(d.wlans), [
            { ssid: "Lobby", clients: 1 },
            { ssid: "Staff", clients: 2 },
        ]);
        assert.ok(
            d.wlans.every((w) => w.fromRows),
            "marked, so that no total is taken from them",
        );
        const untrusted = rows([`${T}.1.1.2.9|4|Lobby`]);
        fillSsidsFromRows(untrusted, false);
        assert.equal(untrusted.wlans[0]?.clients, undefined, "no 0 from a list that is not trusted");
    });

    it("places a client on the AP whose MAC its row gives", () => {
        const d = inventory(draft(controller, APS));
        const lobby = apOf(d, "1");
        lobby.mac = "00:3a:7d:00:00:01";
        const byMac = apsByMac(d);
        assert.deepEqual(
            placeClient(d, { idx: { mac: A }, v: { apMac: "00:3a:7d:00:00:01" } }, new Map(), byMac),
            {
                ap: "1",
            },
        );
    });

    it("chooses a controller's own total over its APs' sum and says when they differ", () => {
        assert.deepEqual(chooseTotal({ controller: true, scalar: 6, aps: 4 }), {
            total: 6,
            quirks: ["apTotalsDiffer"],
        });
        assert.deepEqual(chooseTotal({ controller: true, wlans: 5, aps: 5 }), { total: 5, quirks: [] });
        assert.deepEqual(chooseTotal({ controller: false, wlans: 5, aps: 4 }), { total: 4, quirks: [] });
        assert.deepEqual(chooseTotal({ controller: true, rows: 3 }), { total: 3, quirks: [] });
        assert.deepEqual(chooseTotal({ controller: true }), { total: undefined, quirks: ["noClientCounts"] });
    });

    it("keys a radio by a column's value when the profile says so (UniFi radios by band)", () => {
        const R = "1.3.6.1.4.1.99999.8";
        const byBand: ApProfile = {
            ...standaloneAp,
            id: "test-band",
            radios: {
                index: [["radio", "int"]],
                keyFrom: "band",
                cols: { band: { oid: `${R}.3`, as: "bandText" } },
            },
            vaps: {
                index: [["vap", "int"]],
                cols: {
                    ssid: { oid: `${R}.6`, as: "text" },
                    band: { oid: `${R}.9`, as: "bandText" },
                    clients: { oid: `${R}.8`, as: "int" },
                },
            },
        };
        const d = inventory(
            draft(byBand, [
                `${R}.3.1|4|ng`,
                `${R}.3.2|4|na`,
                `${R}.6.1|4|Home`,
                `${R}.8.1|2|4`,
                `${R}.9.1|4|na`,
            ]),
        );
        assert.deepEqual([...apOf(d, SELF).radios.keys()], ["2.4GHz", "5GHz"]);
        assert.deepEqual(
            radioInfos(apOf(d, SELF), false).map((r) => [r.band, r.clients]),
            [
                ["2.4GHz", undefined],
                ["5GHz", 4],
            ],
        );
    });
});
