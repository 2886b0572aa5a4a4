import assert from "node:assert/strict";
import { customProfile, extendLineOid, type CustomOptions } from "../../nodes/lib/ap/custom";
import { buildReading, planFor, type BuiltReading } from "../../nodes/lib/ap/engine";
import { diffClients, type ClientStates } from "../../nodes/lib/ap/events";
import { bandCounts, metricMessages } from "../../nodes/lib/ap/metrics";
import { parseMacNames } from "../../nodes/lib/ap/names";
import type { ApProfile, ApReading } from "../../nodes/lib/ap/types";
import { profileById } from "../../nodes/lib/ap/profiles";
import { parseRecords, resultFor } from "./ap-result";

const T = "2026-01-01T00:00:00.000Z";

describe("ap events: joined, left, roamed", () => {
    const prev: ClientStates = new Map([
        ["aa:00:00:00:00:01", { apId: "ap1", ap: "Lobby", ssid: "Office", signal: -50, name: "Anna" }],
        ["aa:00:00:00:00:02", { apId: "ap1", ap: "Lobby", ssid: "Guest", signal: -70 }],
        ["aa:00:00:00:00:03", { apId: "ap2", ap: "Office", ssid: "Office" }],
    ]);

    it("reports each change once, with the documented fields", () => {
        const next: ClientStates = new Map([
            ["aa:00:00:00:00:01", { apId: "ap2", ap: "Office", ssid: "Office", signal: -61, name: "Anna" }],
            ["aa:00:00:00:00:03", { apId: "ap2", ap: "Office", ssid: "Office" }],
            ["aa:00:00:00:00:04", { apId: "ap1", ap: "Lobby", ssid: "Guest", signal: -66 }],
        ]);
        assert.deepEqual(diffClients(prev, next, T), [
            {
                event: "roamed",
                mac: "aa:00:00:00:00:01",
                name: "Anna",
                ap: "Office",
                previousAp: "Lobby",
                ssid: "Office",
                signal: -61,
                time: T,
            },
            { event: "joined", mac: "aa:00:00:00:00:04", ap: "Lobby", ssid: "Guest", signal: -66, time: T },
            { event: "left", mac: "aa:00:00:00:00:02", ap: "Lobby", ssid: "Guest", signal: -70, time: T },
        ]);
    });

    it("reports nothing when nothing changed (a new signal level is no event)", () => {
        const same: ClientStates = new Map(
            Array.from(prev, ([mac, s]) => [mac, { ...s, signal: (s.signal ?? -60) - 3 }]),
        );
        assert.deepEqual(diffClients(prev, same, T), []);
    });
});

describe("ap names: MAC to friendly name table", () => {
    it("accepts the usual MAC spellings and reports bad lines", () => {
        const parsed = parseMacNames(
            "aa:bb:cc:00:00:01 Anna's laptop\nAA-BB-CC-00-00-02   Printer 2nd floor\n# comment\n\naabb.cc00.0003 TV\nnot-a-mac Bob\naa:bb:cc:00:00:04",
        );
        assert.deepEqual(Object.fromEntries(parsed.names), {
            "aa:bb:cc:00:00:01": "Anna's laptop",
            "aa:bb:cc:00:00:02": "Printer 2nd floor",
            "aa:bb:cc:00:00:03": "TV",
        });
        assert.equal(parsed.errors.length, 2);
        assert.match(parsed.errors[0] ?? "", /line 6/);
    });

    it("fills name only when the device gives none", () => {
        const records = parseRecords(
            [
                "1.3.6.1.2.1.1.5.0|4|hive",
                "1.3.6.1.4.1.26928.1.2.9.0|2|2",
                "1.3.6.1.4.1.26928.1.1.1.2.1.2.1.3.7.0.0.0.0.0.1|4|dev-name",
                "1.3.6.1.4.1.26928.1.1.1.2.1.2.1.3.7.0.0.0.0.0.2|4|",
            ].join("\n"),
        );
        const profile = requireProfile("aerohive");
        const r = buildReading(profile, resultFor(records, planFor(profile)), {
            device: "hive",
            host: "192.0.2.9",
            time: T,
            macNames: new Map([
                ["00:00:00:00:00:01", "user name 1"],
                ["00:00:00:00:00:02", "user name 2"],
            ]),
        }).reading;
        assert.deepEqual(
            r.clients.map((c) => c.name),
            ["dev-name", "user name 2"],
        );
    });
});

function requireProfile(id: string): ApProfile {
    const p = profileById(id);
    assert.ok(p);
    return p;
}

describe("ap metrics: output 2", () => {
    const reading: ApReading = {
        device: "wlc",
        host: "192.0.2.1",
        reachable: true,
        profile: "cisco-aireos",
        time: T,
        totals: { clients: 3, aps: 2 },
        aps: [
            {
                id: "a",
                name: "Lobby",
                clients: 2,
                radios: [
                    { id: "0", band: "2.4GHz", clients: 1 },
                    { id: "1", band: "5GHz", clients: 1 },
                ],
                ssids: [{ ssid: "Office", clients: 2 }],
            },
            { id: "b", name: "Yard", radios: [{ id: "0", band: "5GHz", clients: 1 }], ssids: [] },
        ],
        ssids: [{ ssid: "Office", clients: 3 }],
        clients: [
            {
                mac: "aa:00:00:00:00:01",
                ap: "Lobby",
                ssid: "Office",
                band: "5GHz",
                signal: -55,
                name: "Anna",
            },
            { mac: "aa:00:00:00:00:02", ap: "Lobby", ssid: "Office", snr: 30 },
        ],
        capabilities: { perClient: true, signal: "dBm" },
    };

    it("sends one count per AP, SSID and band, each with only its own dimension", () => {
        const msgs = metricMessages(reading, { perClientSignal: false });
        assert.deepEqual(
            msgs.map((m) => [m.topic, m.payload, m.metric]),
            [
                [
                    "wlc Lobby clients",
                    2,
                    { device: "wlc", host: "192.0.2.1", kind: "clients", ap: "Lobby", apId: "a" },
                ],
                [
                    "wlc Office clients",
                    3,
                    { device: "wlc", host: "192.0.2.1", kind: "clients", ssid: "Office" },
                ],
                [
                    "wlc 2.4GHz clients",
                    1,
                    { device: "wlc", host: "192.0.2.1", kind: "clients", band: "2.4GHz" },
                ],
                ["wlc 5GHz clients", 2, { device: "wlc", host: "192.0.2.1", kind: "clients", band: "5GHz" }],
            ],
            "the Yard AP, whose count is unknown, sends nothing rather than 0",
        );
    });

    it("adds one signal message per client with a dBm signal when asked", () => {
        const msgs = metricMessages(reading, { perClientSignal: true }).filter(
            (m) => m.metric.kind === "signal",
        );
        assert.deepEqual(msgs, [
            {
                topic: "wlc Anna signal",
                payload: -55,
                metric: {
                    device: "wlc",
                    host: "192.0.2.1",
                    kind: "signal",
                    mac: "aa:00:00:00:00:01",
                    name: "Anna",
                    ap: "Lobby",
                    ssid: "Office",
                    band: "5GHz",
                },
            },
        ]);
    });

    it("counts bands from client rows when no radio has a count", () => {
        const bare: ApReading = {
            ...reading,
            aps: [{ id: "s", name: "self", clients: 2, radios: [], ssids: [] }],
            clients: [
                { mac: "aa:00:00:00:00:01", band: "5GHz" },
                { mac: "aa:00:00:00:00:02", band: "5GHz" },
            ],
        };
        assert.deepEqual(Object.fromEntries(bandCounts(bare)), { "5GHz": 2 });
    });
});

describe("ap custom profile", () => {
    /** The reading of `lines` (a complete walk) through the custom profile built from `options`. */
    function readCustom(options: CustomOptions, lines: string[], device = "box"): BuiltReading {
        const profile = customProfile(options);
        assert.ok(!("error" in profile), JSON.stringify(options));
        return buildReading(profile, resultFor(parseRecords(lines.join("\n")), planFor(profile)), {
            device,
            host: "192.0.2.5",
            time: T,
        });
    }

    it("reads a scalar count and a MAC-indexed client table with signal and SSID", () => {
        const r = readCustom(
            {
                countOid: ".1.3.6.1.4.1.99999.1.1.0",
                signalOid: "1.3.6.1.4.1.99999.2.1.3",
                ssidOid: "1.3.6.1.4.1.99999.2.1.4",
            },
            [
                "1.3.6.1.4.1.99999.1.1.0|2|2",
                "1.3.6.1.4.1.99999.2.1.3.1.170.0.0.0.0.1|2|-44",
                "1.3.6.1.4.1.99999.2.1.3.1.170.0.0.0.0.2|2|-80",
                "1.3.6.1.4.1.99999.2.1.4.1.170.0.0.0.0.1|4|lab",
                "1.3.6.1.4.1.99999.2.1.4.1.170.0.0.0.0.2|4|lab",
            ],
        ).reading;
        assert.equal(r.profile, "custom");
        assert.deepEqual(r.totals, { clients: 2, aps: 1 });
        assert.deepEqual(r.clients, [
            { mac: "aa:00:00:00:00:01", ap: "box", ssid: "lab", signal: -44 },
            { mac: "aa:00:00:00:00:02", ap: "box", ssid: "lab", signal: -80 },
        ]);
        assert.deepEqual(r.capabilities, { perClient: true, signal: "dBm" });
    });

    it("adds up a column of counts", () => {
        const r = readCustom({ countOid: "1.3.6.1.4.1.99999.3.1.5" }, [
            "1.3.6.1.4.1.99999.3.1.5.1|66|4",
            "1.3.6.1.4.1.99999.3.1.5.2|66|6",
        ]).reading;
        assert.equal(r.totals.clients, 10);
        assert.deepEqual(r.capabilities, { perClient: false, signal: "none" });
    });

    it("reads a count at an instance that does not end in .0 (a WiNG AP's client count is at .1)", () => {
        const r = readCustom({ countOid: "1.3.6.1.4.1.388.11.2.4.2.100.10.1.18.1" }, [
            "1.3.6.1.4.1.388.11.2.4.2.100.10.1.18.1|2|6",
            // A neighbour of the instance, which must not be added to it.
            "1.3.6.1.4.1.388.11.2.4.2.100.10.1.19.1|2|99",
        ]).reading;
        assert.equal(r.totals.clients, 6);
        assert.deepEqual(r.aps[0]?.radios, [], "one object is no column of radios");
    });

    it("keeps per-AP rows per AP when a column names each count row's AP", () => {
        const r = readCustom(
            {
                countOid: "1.3.6.1.4.1.99999.4.1.3",
                apNameOid: "1.3.6.1.4.1.99999.4.1.2",
            },
            [
                "1.3.6.1.4.1.99999.4.1.2.1|4|ap-hall",
                "1.3.6.1.4.1.99999.4.1.2.2|4|ap-lab",
                "1.3.6.1.4.1.99999.4.1.2.3|4|ap-spare",
                "1.3.6.1.4.1.99999.4.1.3.1|66|5",
                "1.3.6.1.4.1.99999.4.1.3.2|66|2",
                "1.3.6.1.4.1.99999.4.1.3.3|66|0",
            ],
            "wlc",
        ).reading;
        assert.deepEqual(
            r.aps.map((a) => [a.name, a.clients]),
            [
                ["ap-hall", 5],
                ["ap-lab", 2],
                ["ap-spare", 0],
            ],
        );
        assert.deepEqual(r.totals, { clients: 7, aps: 3 });
    });

    it("counts the rows of a client table that is not indexed by MAC, reading the MAC from a column", () => {
        const built = readCustom(
            {
                clientOid: "1.3.6.1.4.1.99999.5.1.4",
                clientMacOid: "1.3.6.1.4.1.99999.5.1.2",
                signalOid: "1.3.6.1.4.1.99999.5.1.5",
            },
            [
                // Rows numbered 1-3 (a station index, not a MAC); the MAC of row 3 is unreadable.
                "1.3.6.1.4.1.99999.5.1.2.1|4|aa:00:00:00:00:01",
                "1.3.6.1.4.1.99999.5.1.2.2|4x|AA0000000002",
                "1.3.6.1.4.1.99999.5.1.2.3|4|n/a",
                "1.3.6.1.4.1.99999.5.1.4.1|4|lab",
                "1.3.6.1.4.1.99999.5.1.4.2|4|lab",
                "1.3.6.1.4.1.99999.5.1.4.3|4|guest",
                "1.3.6.1.4.1.99999.5.1.5.1|2|-51",
                "1.3.6.1.4.1.99999.5.1.5.2|2|-77",
            ],
        );
        const r = built.reading;
        assert.equal(r.totals.clients, 3, "every row is a client, with or without a readable MAC");
        assert.deepEqual(
            r.clients.map((c) => [c.mac, c.signal]),
            [
                ["aa:00:00:00:00:01", -51],
                ["aa:00:00:00:00:02", -77],
            ],
        );
        assert.equal(built.clientsComplete, false, "no join/leave events from a list that misses a client");
    });

    it("counts the rows of a table with a plain row index and no MAC column", () => {
        const r = readCustom({ clientOid: "1.3.6.1.4.1.99999.6.1.2" }, [
            "1.3.6.1.4.1.99999.6.1.2.7|2|1",
            "1.3.6.1.4.1.99999.6.1.2.8|2|1",
        ]).reading;
        assert.equal(r.totals.clients, 2);
        assert.deepEqual(r.clients, []);
    });

    it("reads NET-SNMP-EXTEND scripts by name, one or all those with a prefix", () => {
        const lines = [
            `${extendLineOid("wifi-2ghz")}|4|3`,
            `${extendLineOid("wifi-5ghz")}|4|4`,
            `${extendLineOid("uptime")}|4|86400`,
        ];
        const read = (countOid: string): ApReading => readCustom({ countOid }, lines, "router").reading;
        assert.equal(read("extend:wifi-5ghz").totals.clients, 4);
        const all = read("extend:wifi-*");
        assert.equal(all.totals.clients, 7, "the uptime extend is not a count");
        assert.deepEqual(
            all.aps[0]?.radios.map((x) => [x.id, x.clients]),
            [
                ["2ghz", 3],
                ["5ghz", 4],
            ],
        );
    });

    it("explains in plain words what is wrong with the options", () => {
        const error = (o: Parameters<typeof customProfile>[0]): string =>
            (customProfile(o) as { error?: string }).error ?? "";
        assert.match(error({}), /give at least a client count .* or the OID of a client table/);
        assert.match(error({ countOid: "ifNumber.0" }), /neither a numeric OID .* nor an extend name/);
        assert.match(
            error({ countOid: "1.3.6.1.4.1.9.1.0", apNameOid: "x" }),
            /AP name column "x" is not a numeric OID/,
        );
        assert.match(
            error({ countOid: "extend:wifi", apNameOid: "1.3.6.1.4.1.9.1" }),
            /names the rows of a count column/,
        );
        assert.match(
            error({ countOid: "1.3.6.1.4.1.9.1.0", clientMacOid: "1.3.6.1.4.1.9.2" }),
            /MAC column belongs to a client table/,
        );
        for (const o of [{}, { countOid: "1.2" }, { countOid: "extend:" }]) {
            assert.doesNotMatch(error(o), /none|not .* not/, "no double negative");
        }
    });
});
