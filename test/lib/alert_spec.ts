/**
 * The alert core, fed with literal messages shaped like printer-supplies and ap-clients output
 * (see the lead's shapes), checked by what a user would see: which notifications, with which
 * subject, and what the active list says.
 */
import assert from "node:assert/strict";
import {
    AlertBook,
    alertList,
    emptyState,
    handleInput,
    parseRules,
    restoreState,
    type AlertState,
    type RuleConfig,
} from "../../nodes/lib/alert";
import type { AlertList } from "../../nodes/lib/alert";
import { MAX_KEYS } from "../../nodes/lib/alert/book";
import type { Notification } from "../../nodes/lib/alert/types";
import { supplyColour } from "../../nodes/lib/dashboard/colors";

type Msg = Record<string, unknown>;

/** Local time on a day in May 2024, as the ISO string a poll would carry. */
function at(day: number, hours: number, minutes = 0): string {
    return new Date(2024, 4, day, hours, minutes).toISOString();
}

function driver(config: RuleConfig = {}) {
    const parsed = parseRules(config);
    if ("problems" in parsed) assert.fail(JSON.stringify(parsed.problems));
    let book = new AlertBook();
    return {
        /** What one input gives; `list` is the current list, `sent` whether output 2 went out. */
        feed(
            msg: Msg,
            arrival = Date.parse(at(1, 12)),
        ): { notes: Notification[]; list: AlertList; sent: boolean; dropped: number } {
            const outcome = handleInput(book, msg, parsed.rules, arrival);
            if (!outcome.ok) assert.fail(`input refused: ${outcome.error}`);
            const list = alertList(book);
            if (outcome.list !== null) assert.deepEqual(outcome.list, list, "output 2 is the current list");
            return {
                notes: outcome.notifications,
                list,
                sent: outcome.list !== null,
                dropped: outcome.dropped,
            };
        },
        refuse(msg: Msg): string {
            const outcome = handleInput(book, msg, parsed.rules, 0);
            assert.equal(outcome.ok, false);
            return outcome.ok ? "" : outcome.error;
        },
        get state(): AlertState {
            return book.state;
        },
        set state(s: AlertState) {
            book = new AlertBook(s);
        },
    };
}

function supply(id: string, type: string, color: string | null, percent: number | null, state = "ok"): Msg {
    const receptacle = type.startsWith("waste");
    return {
        id,
        name: `${color ?? ""} ${type} cartridge`.trim(),
        type,
        color,
        class: receptacle ? "receptacle" : "consumed",
        unit: "percent",
        level: percent ?? (state === "someRemaining" ? -3 : state === "unknown" ? -2 : -1),
        max: 100,
        percent,
        state,
    };
}

function tray(id: string, name: string, percent: number | null, state = "ok"): Msg {
    return { id, name, media: "A4", level: percent === null ? -3 : percent * 5, max: 500, percent, state };
}

function printer(
    time: string,
    parts: { supplies?: Msg[]; trays?: Msg[]; outputs?: Msg[]; errors?: string[] } = {},
    host = "10.0.0.5",
    device = "Office 2F",
): Msg {
    return {
        topic: device,
        payload: {
            device,
            host,
            reachable: true,
            model: "LaserJet M404",
            serial: "PHB1234",
            name: "NPI1",
            location: "2nd floor",
            uptime: 3600,
            time,
            status: "idle",
            errors: parts.errors ?? [],
            alerts: [],
            supplies: parts.supplies ?? [supply("1.1", "toner", "black", 80)],
            trays: parts.trays ?? [],
            outputs: parts.outputs ?? [],
            pageCount: 12345,
            quirks: [],
        },
    };
}

function unreachable(time: string, host = "10.0.0.5", device = "Office 2F"): Msg {
    return {
        topic: device,
        payload: { device, host, reachable: false, time, error: { code: "timeout", message: "no answer" } },
    };
}

function wifi(time: string, aps: { id: string; name: string; clients: number }[], clients: Msg[] = []): Msg {
    return {
        topic: "HQ controller",
        payload: {
            device: "HQ controller",
            host: "10.0.0.7",
            reachable: true,
            profile: "cisco-wlc",
            model: "AIR-CT3504",
            time,
            totals: { clients: clients.length, aps: aps.length },
            aps: aps.map((a) => ({ ...a, mac: "00:11:22:33:44:55", ip: "10.0.1.1", radios: [], ssids: [] })),
            ssids: [{ ssid: "Staff", clients: clients.length }],
            clients,
            capabilities: { perClient: true, signal: "dBm" },
        },
    };
}

function topics(notes: Notification[]): string[] {
    return notes.map((n) => n.topic);
}

describe("threshold-alert core: supplies", () => {
    it("raises at the warning level, escalates at critical, and says what to do", () => {
        const d = driver();
        assert.deepEqual(
            topics(d.feed(printer(at(3, 9), { supplies: [supply("1.1", "toner", "black", 16)] })).notes),
            [],
        );
        const raised = d.feed(printer(at(3, 10, 5), { supplies: [supply("1.1", "toner", "black", 15)] }));
        assert.deepEqual(topics(raised.notes), ["Office 2F: black toner low (15 %)"]);
        const note = raised.notes[0];
        assert.ok(note);
        assert.deepEqual(note.alert, {
            key: "10.0.0.5/supply/1.1",
            device: "Office 2F",
            host: "10.0.0.5",
            item: "black toner",
            kind: "supply",
            severity: "warning",
            previous: "ok",
            value: 15,
            unit: "%",
            threshold: 15,
            since: at(3, 10, 5),
            repeat: 0,
            change: "raised",
        });
        assert.equal(
            note.payload,
            [
                "Black toner low (15 %).",
                "Printer: Office 2F (10.0.0.5)",
                "Supply: black toner cartridge",
                "Level: warning, was ok; warning at or below 15 %",
                "Since: 2024-05-03 10:05",
                "What to do: Replace the black toner cartridge soon.",
            ].join("\n"),
        );
        const escalated = d.feed(
            printer(at(3, 11), { supplies: [supply("1.1", "toner", "black", 5)] }),
        ).notes;
        assert.deepEqual(topics(escalated), ["Office 2F: black toner very low (5 %)"]);
        assert.equal(escalated[0]?.alert.change, "escalated");
        assert.equal(escalated[0]?.alert.since, at(3, 10, 5), "the episode started at the first warning");
        assert.deepEqual(
            topics(d.feed(printer(at(3, 12), { supplies: [supply("1.1", "toner", "black", 0)] })).notes),
            [],
        );
    });

    it("leaves a level only past the margin (hysteresis edges)", () => {
        const d = driver();
        const level = (percent: number, hour: number): string[] =>
            topics(
                d.feed(printer(at(3, hour), { supplies: [supply("1.1", "toner", "black", percent)] })).notes,
            );
        assert.deepEqual(level(4, 1), ["Office 2F: black toner very low (4 %)"]);
        assert.deepEqual(level(10, 2), [], "critical at 5 holds up to 5 + 5 = 10");
        assert.deepEqual(level(11, 3), ["Office 2F: black toner low (11 %)"]);
        assert.deepEqual(level(20, 4), [], "warning at 15 holds up to 20");
        assert.deepEqual(level(16, 5), []);
        assert.deepEqual(level(21, 6), ["Office 2F: black toner ok again (21 %)"]);
        assert.deepEqual(level(16, 7), [], "16 % is above the warning level: no new alert");
        assert.deepEqual(level(15, 8), ["Office 2F: black toner low (15 %)"]);
    });

    it("does not flap around a level", () => {
        const d = driver();
        const sent: string[] = [];
        [15, 16, 15, 17, 14, 19, 15].forEach((p, i) =>
            sent.push(
                ...topics(d.feed(printer(at(3, i), { supplies: [supply("1.1", "ink", "cyan", p)] })).notes),
            ),
        );
        assert.deepEqual(sent, ["Office 2F: cyan ink low (15 %)"]);
    });

    it("jumps straight from critical to ok on a new cartridge, with one clear", () => {
        const d = driver();
        d.feed(printer(at(3, 9), { supplies: [supply("1.1", "toner", "black", 2)] }));
        const clear = d.feed(printer(at(4, 9), { supplies: [supply("1.1", "toner", "black", 100)] })).notes;
        assert.deepEqual(topics(clear), ["Office 2F: black toner ok again (100 %)"]);
        assert.equal(clear[0]?.alert.previous, "critical");
        assert.equal(clear[0]?.alert.threshold, 20, "a clear names the point the value had to pass");
        assert.match(clear[0]?.payload ?? "", /Alert lasted: 2024-05-03 09:00 to 2024-05-04 09:00/);
        assert.deepEqual(Object.keys(d.state.keys), [], "an ok key with nothing to remember is forgotten");
    });

    it("uses the drum and fuser levels (10/3) for units that wear out", () => {
        const d = driver();
        const notes = d.feed(
            printer(at(3, 9), {
                supplies: [supply("1.5", "opc", "black", 11), supply("1.6", "fuser", null, 9)],
            }),
        ).notes;
        assert.deepEqual(topics(notes), ["Office 2F: fuser low (9 %)"]);
        assert.match(notes[0]?.payload ?? "", /Replace the fuser unit soon\./);
    });

    it("reads a waste box's percent as space left", () => {
        const d = driver();
        const box = (p: number | null, state = "ok"): Msg =>
            printer(at(3, 9), { supplies: [supply("1.9", "wasteToner", null, p, state)] });
        assert.deepEqual(topics(d.feed(box(12)).notes), []);
        const warn = d.feed(box(8)).notes;
        assert.deepEqual(topics(warn), ["Office 2F: waste toner box filling up (8 % space left)"]);
        assert.match(warn[0]?.payload ?? "", /What to do: Empty or replace the waste toner box soon\./);
        assert.deepEqual(topics(d.feed(box(2)).notes), [
            "Office 2F: waste toner box almost full (2 % space left)",
        ]);
        assert.deepEqual(topics(d.feed(box(null, "full")).notes), []);
        assert.deepEqual(topics(d.feed(box(100)).notes), [
            "Office 2F: waste toner box ok again (100 % space left)",
        ]);
        assert.deepEqual(topics(d.feed(box(null, "full")).notes), ["Office 2F: waste toner box full"]);
        assert.deepEqual(topics(d.feed(box(null, "almostFull")).notes), [
            "Office 2F: waste toner box almost full",
        ]);
    });

    it("uses the printer's own state when there is no percent, and never alerts on unlimited", () => {
        const d = driver();
        const s = (state: string): Msg =>
            printer(at(3, 9), { supplies: [supply("1.2", "ink", "magenta", null, state)] });
        assert.deepEqual(topics(d.feed(s("unlimited")).notes), []);
        assert.deepEqual(topics(d.feed(s("low")).notes), ["Office 2F: magenta ink low"]);
        assert.deepEqual(topics(d.feed(s("empty")).notes), ["Office 2F: magenta ink empty"]);
        assert.deepEqual(topics(d.feed(s("ok")).notes), ["Office 2F: magenta ink ok again"]);
    });

    it("lists 'some remaining' and 'unknown' as watch items, not alerts, by default", () => {
        const d = driver();
        const out = d.feed(
            printer(at(3, 9), {
                supplies: [
                    supply("1.1", "toner", "black", null, "someRemaining"),
                    supply("1.2", "toner", "cyan", null, "unknown"),
                ],
            }),
        );
        assert.deepEqual(out.notes, []);
        assert.deepEqual(out.list.payload, []);
        assert.deepEqual(
            out.list.watch.map((w) => [w.key, w.state, w.text]),
            [
                [
                    "10.0.0.5/supply/1.1",
                    "someRemaining",
                    "Office 2F: black toner: some left, level not reported",
                ],
                ["10.0.0.5/supply/1.2", "unknown", "Office 2F: cyan toner: level unknown"],
            ],
        );
        assert.deepEqual(out.list.summary, { critical: 0, warning: 0, watch: 2 });
        const later = d.feed(printer(at(3, 10), { supplies: [supply("1.1", "toner", "black", 60)] }));
        assert.deepEqual(
            later.list.watch.map((w) => w.key),
            ["10.0.0.5/supply/1.2"],
            "a supply that reports a number again leaves the watch list",
        );
    });

    it("can alert on 'some remaining' when the user says so", () => {
        const d = driver({ someRemaining: "warning", unknownLevel: "off" });
        const out = d.feed(
            printer(at(3, 9), {
                supplies: [
                    supply("1.1", "toner", "black", null, "someRemaining"),
                    supply("1.2", "toner", "cyan", null, "unknown"),
                ],
            }),
        );
        assert.deepEqual(topics(out.notes), ["Office 2F: black toner some left, level not reported"]);
        assert.deepEqual(out.list.watch, []);
    });

    it("turns a level off with an empty field", () => {
        const d = driver({ tonerWarning: "" });
        assert.deepEqual(
            topics(d.feed(printer(at(3, 9), { supplies: [supply("1.1", "toner", "black", 10)] })).notes),
            [],
        );
        assert.deepEqual(
            topics(d.feed(printer(at(3, 9), { supplies: [supply("1.1", "toner", "black", 4)] })).notes),
            ["Office 2F: black toner very low (4 %)"],
        );
    });
});

describe("threshold-alert core: trays, bins and printer flags", () => {
    it("warns on a low tray and is critical on an empty one", () => {
        const d = driver();
        const t = (p: number | null, state = "ok"): Msg =>
            printer(at(3, 9), { trays: [tray("1.2", "Tray 2", p, state)] });
        assert.deepEqual(topics(d.feed(t(40)).notes), []);
        assert.deepEqual(topics(d.feed(t(10)).notes), ["Office 2F: Tray 2 low on paper (10 %)"]);
        const empty = d.feed(t(0)).notes;
        assert.deepEqual(topics(empty), ["Office 2F: Tray 2 out of paper"]);
        assert.match(empty[0]?.payload ?? "", /Paper: A4\n.*\n.*\nWhat to do: Load paper into Tray 2\./);
        assert.deepEqual(topics(d.feed(t(100)).notes), ["Office 2F: Tray 2 ok again (100 %)"]);
        assert.deepEqual(topics(d.feed(t(null, "empty")).notes), ["Office 2F: Tray 2 out of paper"]);
        assert.deepEqual(topics(d.feed(t(null, "someRemaining")).notes), ["Office 2F: Tray 2 ok again"]);
        assert.deepEqual(topics(d.feed(t(null, "low")).notes), ["Office 2F: Tray 2 low on paper"]);
    });

    it("never alerts on a manual feed, in numbers as in words, and does not let it stand for noPaper", () => {
        const d = driver();
        const bypass = (percent: number | null, state: string): Msg => ({
            ...tray("1.9", "Bypass", percent, state),
            manual: true,
        });
        assert.deepEqual(topics(d.feed(printer(at(3, 9), { trays: [bypass(0, "empty")] })).notes), []);
        assert.deepEqual(topics(d.feed(printer(at(3, 10), { trays: [bypass(5, "low")] })).notes), []);
        assert.deepEqual(topics(d.feed(printer(at(3, 11), { trays: [bypass(null, "empty")] })).notes), []);
        const out = d.feed(printer(at(3, 12), { trays: [bypass(0, "empty")], errors: ["noPaper"] }));
        assert.deepEqual(topics(out.notes), ["Office 2F: out of paper"]);
    });

    it("blames the printer for noPaper only when no tray is empty", () => {
        const d = driver();
        const withTray = d.feed(
            printer(at(3, 9), {
                trays: [tray("1.2", "Tray 2", 0, "empty")],
                errors: ["noPaper", "inputTrayEmpty"],
            }),
        );
        assert.deepEqual(topics(withTray.notes), ["Office 2F: Tray 2 out of paper"]);
        const d2 = driver();
        const noTray = d2.feed(
            printer(at(3, 9), {
                trays: [tray("1.2", "Tray 2", null, "unknown")],
                errors: ["inputTrayEmpty"],
            }),
        );
        assert.deepEqual(topics(noTray.notes), ["Office 2F: out of paper"]);
        assert.equal(noTray.notes[0]?.alert.key, "10.0.0.5/error/noPaper");
        assert.equal(noTray.notes[0]?.alert.severity, "critical");
        assert.deepEqual(topics(d2.feed(printer(at(3, 10), { errors: [] })).notes), [
            "Office 2F: paper loaded again",
        ]);
    });

    it("gives each printer flag its severity, and clears it", () => {
        const d = driver();
        const first = d.feed(
            printer(at(3, 9), { errors: ["jammed", "doorOpen", "lowPaper", "overduePreventMaint"] }),
        );
        assert.deepEqual(
            first.notes.map((n) => [n.topic, n.alert.severity]),
            [
                ["Office 2F: paper jam", "critical"],
                ["Office 2F: door open", "warning"],
            ],
        );
        assert.match(first.notes[0]?.payload ?? "", /What to do: Clear the paper jam/);
        assert.deepEqual(topics(d.feed(printer(at(3, 9, 5), { errors: ["doorOpen"] })).notes), [
            "Office 2F: paper jam cleared",
        ]);
        assert.deepEqual(topics(d.feed(printer(at(3, 9, 10), { errors: [] })).notes), [
            "Office 2F: door closed again",
        ]);
    });

    it("lets the user turn a flag off, which also clears it if it was active", () => {
        const on = driver();
        on.feed(printer(at(3, 9), { errors: ["offline"] }));
        const off = driver({ offline: "off" });
        off.state = on.state;
        assert.deepEqual(topics(off.feed(printer(at(3, 10), { errors: ["offline"] })).notes), [
            "Office 2F: back online",
        ]);
        assert.deepEqual(topics(off.feed(printer(at(3, 11), { errors: ["offline"] })).notes), []);
    });

    it("does not repeat noToner when the toner itself already alerts", () => {
        const d = driver();
        const notes = d.feed(
            printer(at(3, 9), {
                supplies: [supply("1.1", "toner", "black", 0)],
                errors: ["noToner", "lowToner"],
            }),
        ).notes;
        assert.deepEqual(topics(notes), ["Office 2F: black toner empty (0 %)"]);
        const d2 = driver();
        const bare = d2.feed(
            printer(at(3, 9), {
                supplies: [supply("1.1", "toner", "black", null, "unknown")],
                errors: ["noToner"],
            }),
        );
        assert.deepEqual(topics(bare.notes), ["Office 2F: out of toner"]);
    });

    it("alerts on a full output bin", () => {
        const d = driver();
        const bin = (state: string): Msg =>
            printer(at(3, 9), {
                outputs: [{ id: "1.1", name: "Face-down bin", remaining: 0, max: 250, state }],
                errors: ["outputFull"],
            });
        assert.deepEqual(topics(d.feed(bin("full")).notes), ["Office 2F: Face-down bin full"]);
        assert.deepEqual(topics(d.feed(bin("ok")).notes), [
            "Office 2F: Face-down bin ok again",
            "Office 2F: output tray full",
        ]);
    });
});

describe("threshold-alert core: a printer that stops answering", () => {
    it("raises after 3 failed polls in a row, keeps every other key, and clears on the first good poll", () => {
        const d = driver();
        d.feed(printer(at(3, 8), { supplies: [supply("1.1", "toner", "black", 8)] }));
        assert.deepEqual(topics(d.feed(unreachable(at(3, 8, 5))).notes), []);
        assert.deepEqual(topics(d.feed(unreachable(at(3, 8, 10))).notes), []);
        const raised = d.feed(unreachable(at(3, 8, 15)));
        assert.deepEqual(topics(raised.notes), ["Office 2F: not answering (timeout)"]);
        assert.equal(raised.notes[0]?.alert.since, at(3, 8, 5), "unreachable since the first failed poll");
        assert.deepEqual(
            raised.list.payload.map((r) => r.key),
            ["10.0.0.5/supply/1.1", "10.0.0.5/reachable"],
            "the toner alert is still there: no reading is not a good reading",
        );
        assert.deepEqual(
            topics(d.feed(unreachable(at(3, 8, 20))).notes),
            [],
            "no repeat while it stays down",
        );
        const back = d.feed(printer(at(3, 9), { supplies: [supply("1.1", "toner", "black", 8)] }));
        assert.deepEqual(topics(back.notes), ["Office 2F: answering again"]);
        assert.deepEqual(
            back.list.payload.map((r) => r.key),
            ["10.0.0.5/supply/1.1"],
        );
    });

    it("starts counting again after a good poll", () => {
        const d = driver({ unreachablePolls: "2" });
        d.feed(unreachable(at(3, 8)));
        d.feed(printer(at(3, 8, 5)));
        assert.deepEqual(topics(d.feed(unreachable(at(3, 8, 10))).notes), []);
        assert.deepEqual(topics(d.feed(unreachable(at(3, 8, 15))).notes), [
            "Office 2F: not answering (timeout)",
        ]);
    });
});

describe("threshold-alert core: Wi-Fi", () => {
    it("alerts on more than 30 / 50 clients per AP, with hysteresis", () => {
        const d = driver();
        const load = (n: number, hour: number): string[] =>
            topics(d.feed(wifi(at(3, hour), [{ id: "ap1", name: "Lobby", clients: n }])).notes);
        assert.deepEqual(load(30, 1), [], "30 is not more than 30");
        assert.deepEqual(load(31, 2), ["HQ controller: AP Lobby has 31 clients"]);
        assert.deepEqual(load(51, 3), ["HQ controller: AP Lobby has 51 clients"]);
        assert.deepEqual(load(46, 4), [], "critical holds while more than 45");
        assert.deepEqual(load(45, 5), ["HQ controller: AP Lobby has 45 clients"]);
        assert.deepEqual(load(26, 6), []);
        assert.deepEqual(load(25, 7), ["HQ controller: AP Lobby back to 25 clients"]);
    });

    it("raises when an AP disappears, keeps it until it returns, and clears once", () => {
        const d = driver();
        const both = [
            { id: "ap1", name: "Lobby", clients: 5 },
            { id: "ap2", name: "Canteen", clients: 40 },
        ];
        assert.deepEqual(topics(d.feed(wifi(at(3, 9), both)).notes), [
            "HQ controller: AP Canteen has 40 clients",
        ]);
        const gone = d.feed(wifi(at(3, 10), [both[0]!]));
        assert.deepEqual(topics(gone.notes), ["HQ controller: AP Canteen missing"]);
        assert.deepEqual(
            gone.list.payload.map((r) => r.key),
            ["10.0.0.7/ap/ap2/present"],
            "its client count alert is dropped silently: 'missing' says it all",
        );
        assert.deepEqual(topics(d.feed(wifi(at(3, 11), [both[0]!])).notes), []);
        assert.deepEqual(topics(d.feed(wifi(at(3, 12), [both[0]!])).notes), []);
        assert.deepEqual(topics(d.feed(wifi(at(3, 13), both)).notes), [
            "HQ controller: AP Canteen has 40 clients",
            "HQ controller: AP Canteen back",
        ]);
    });

    it("counts an AP as missing across polls when debouncing", () => {
        const d = driver({ debounce: "2" });
        const both = [
            { id: "ap1", name: "Lobby", clients: 5 },
            { id: "ap2", name: "Canteen", clients: 5 },
        ];
        d.feed(wifi(at(3, 9), both));
        assert.deepEqual(topics(d.feed(wifi(at(3, 10), [both[0]!])).notes), []);
        assert.deepEqual(topics(d.feed(wifi(at(3, 11), [both[0]!])).notes), [
            "HQ controller: AP Canteen missing",
        ]);
    });

    it("forgets a missing AP on reset, so it does not come back as missing", () => {
        const d = driver();
        const both = [
            { id: "ap1", name: "Lobby", clients: 5 },
            { id: "ap2", name: "Canteen", clients: 5 },
        ];
        d.feed(wifi(at(3, 9), both));
        d.feed(wifi(at(3, 10), [both[0]!]));
        assert.deepEqual(d.feed({ reset: true, topic: "10.0.0.7/ap/ap2/present" }).list.payload, []);
        assert.deepEqual(topics(d.feed(wifi(at(3, 11), [both[0]!])).notes), []);
    });

    it("alerts on weak client signal only when asked, and forgets clients that leave without a clear", () => {
        const client = (mac: string, name: string, signal: number): Msg => ({
            mac,
            ap: "Lobby",
            ssid: "Staff",
            band: "5",
            signal,
            name,
        });
        const ap = [{ id: "ap1", name: "Lobby", clients: 2 }];
        const off = driver();
        assert.deepEqual(
            off.feed(wifi(at(3, 9), ap, [client("AA:BB:CC:00:00:01", "Anna's phone", -90)])).notes,
            [],
        );

        const d = driver({ signalWarning: "-80" });
        const weak = d.feed(
            wifi(at(3, 9), ap, [
                client("AA:BB:CC:00:00:01", "Anna's phone", -84),
                client("aa:bb:cc:00:00:02", "", -60),
            ]),
        );
        assert.deepEqual(topics(weak.notes), ["HQ controller: weak signal for Anna's phone (-84 dBm)"]);
        assert.equal(weak.notes[0]?.alert.key, "10.0.0.7/client/aa:bb:cc:00:00:01/signal");
        assert.match(weak.notes[0]?.payload ?? "", /Client: aa:bb:cc:00:00:01/);
        const left = d.feed(wifi(at(3, 18), ap, [client("aa:bb:cc:00:00:02", "", -60)]));
        assert.deepEqual(left.notes, [], "no 'clear' for a client that went home");
        assert.deepEqual(left.list.payload, []);
        const weakAgain = d.feed(wifi(at(3, 19), ap, [client("aa:bb:cc:00:00:02", "", -81)]));
        assert.deepEqual(topics(weakAgain.notes), [
            "HQ controller: weak signal for aa:bb:cc:00:00:02 (-81 dBm)",
        ]);
    });

    it("applies SSID limits when set", () => {
        const d = driver({ ssidWarning: "1" });
        const clients = [{ mac: "aa:00:00:00:00:01" }, { mac: "aa:00:00:00:00:02" }];
        assert.deepEqual(
            topics(d.feed(wifi(at(3, 9), [{ id: "ap1", name: "Lobby", clients: 2 }], clients)).notes),
            ["HQ controller: SSID Staff has 2 clients"],
        );
    });
});

describe("threshold-alert core: metrics and generic numbers", () => {
    it("gives a supply metric the supply rule and the same key as the device message", () => {
        const d = driver();
        const metric = (percent: number): Msg => ({
            topic: "Office 2F black toner",
            payload: percent,
            metric: {
                device: "Office 2F",
                host: "10.0.0.5",
                kind: "supply",
                id: "1.1",
                name: "Black",
                type: "toner",
                color: "black",
                state: "ok",
                unit: "%",
            },
        });
        assert.deepEqual(topics(d.feed(metric(12)).notes), ["Office 2F: black toner low (12 %)"]);
        const device = d.feed(printer(at(3, 9), { supplies: [supply("1.1", "toner", "black", 12)] }));
        assert.deepEqual(device.notes, [], "the same key: no second alert for the same toner");
        assert.deepEqual(topics(d.feed(metric(3)).notes), ["Office 2F: black toner very low (3 %)"]);
    });

    it("gives tray, client and signal metrics their rules", () => {
        const d = driver({ signalWarning: "-80" });
        const t = d.feed({
            topic: "Office 2F Tray 2",
            payload: 0,
            metric: {
                device: "Office 2F",
                host: "10.0.0.5",
                kind: "tray",
                id: "1.2",
                name: "Tray 2",
                type: null,
                color: null,
                state: "empty",
                unit: "%",
            },
        });
        assert.deepEqual(topics(t.notes), ["Office 2F: Tray 2 out of paper"]);
        const c = d.feed({
            topic: "HQ Lobby clients",
            payload: 60,
            metric: { device: "HQ", host: "10.0.0.7", kind: "clients", ap: "Lobby" },
        });
        assert.deepEqual(topics(c.notes), ["HQ: AP Lobby has 60 clients"]);
        const s = d.feed({
            topic: "HQ anna",
            payload: -85,
            metric: {
                device: "HQ",
                host: "10.0.0.7",
                kind: "signal",
                mac: "aa:bb:cc:00:00:01",
                name: "anna",
            },
        });
        assert.deepEqual(topics(s.notes), ["HQ: weak signal for anna (-85 dBm)"]);
    });

    it("alerts on any number with a topic, above or below", () => {
        const d = driver({ genericWarning: "30", genericCritical: "40" });
        const t = (v: number | string): string[] =>
            topics(d.feed({ topic: "server room °C", payload: v }).notes);
        assert.deepEqual(t(29), []);
        assert.deepEqual(t("30"), ["server room °C high (30)"]);
        assert.deepEqual(t(41.26), ["server room °C very high (41.3)"]);
        assert.deepEqual(t(35), [], "critical holds down to 40 - 5");
        assert.deepEqual(
            t(25),
            ["server room °C high (25)"],
            "below 35: back to warning, which holds down to 25",
        );
        assert.deepEqual(t(24.9), ["server room °C ok again (24.9)"]);

        const low = driver({ genericDir: "below", genericWarning: "20", genericDeadband: "1" });
        assert.deepEqual(topics(low.feed({ topic: "UPS battery %", payload: 19 }).notes), [
            "UPS battery % low (19)",
        ]);
        assert.deepEqual(topics(low.feed({ topic: "UPS battery %", payload: 21 }).notes), []);
        assert.deepEqual(topics(low.feed({ topic: "UPS battery %", payload: 21.5 }).notes), [
            "UPS battery % ok again (21.5)",
        ]);
    });

    it("uses the generic rule for metrics it has no rule for (clients per band)", () => {
        const d = driver({ genericWarning: "100" });
        const out = d.feed({
            topic: "HQ 5 GHz clients",
            payload: 120,
            metric: { device: "HQ", host: "10.0.0.7", kind: "clients", band: "5" },
        });
        assert.deepEqual(topics(out.notes), ["HQ 5 GHz clients high (120)"]);
    });

    it("passes over such metrics quietly when there is no generic rule", () => {
        const d = driver();
        const out = d.feed({
            topic: "HQ 5 GHz clients",
            payload: 120,
            metric: { device: "HQ", host: "10.0.0.7", kind: "clients", band: "5" },
        });
        assert.deepEqual(out.notes, []);
        assert.deepEqual(out.list.payload, []);
    });

    it("refuses what it cannot read, with a reason", () => {
        const d = driver();
        assert.equal(d.refuse({ topic: "x", payload: 5 }), "noGeneric");
        assert.equal(d.refuse({ payload: 5 }), "unreadable");
        assert.equal(d.refuse({ topic: "x", payload: "five" }), "unreadable");
        assert.equal(d.refuse({ topic: "x", payload: { some: "object" } }), "unreadable");
        assert.equal(d.refuse({ payload: "x", metric: { kind: "supply", host: "h" } }), "unreadable");
    });
});

describe("threshold-alert core: timing", () => {
    it("debounces: raises after N readings beyond the level in a row, dated from the first", () => {
        const d = driver({ debounce: "3" });
        const t = (p: number, hour: number): string[] =>
            topics(d.feed(printer(at(3, hour), { supplies: [supply("1.1", "toner", "black", p)] })).notes);
        assert.deepEqual(t(10, 1), []);
        assert.deepEqual(t(10, 2), []);
        assert.deepEqual(t(50, 3), [], "one good reading resets the count");
        assert.deepEqual(t(10, 4), []);
        assert.deepEqual(t(9, 5), []);
        const raised = d.feed(printer(at(3, 6), { supplies: [supply("1.1", "toner", "black", 9)] })).notes;
        assert.deepEqual(topics(raised), ["Office 2F: black toner low (9 %)"]);
        assert.equal(raised[0]?.alert.since, at(3, 4));
        assert.deepEqual(t(50, 7), ["Office 2F: black toner ok again (50 %)"], "clearing is immediate");
    });

    it("reminds while not ok, every interval, counting the reminders", () => {
        const d = driver({ renotify: "24" });
        const t = (day: number, hour: number, p = 8): Notification[] =>
            d.feed(printer(at(day, hour), { supplies: [supply("1.1", "toner", "black", p)] })).notes;
        assert.equal(t(3, 9).length, 1);
        assert.deepEqual(t(4, 8), [], "23 hours later: not yet");
        const first = t(4, 9);
        assert.deepEqual(topics(first), ["Reminder: Office 2F: black toner low (8 %)"]);
        assert.equal(first[0]?.alert.repeat, 1);
        assert.equal(first[0]?.alert.change, "reminder");
        assert.match(first[0]?.payload ?? "", /^Reminder 1: Black toner low \(8 %\)\.\n/);
        assert.equal(t(5, 9)[0]?.alert.repeat, 2);
        const escalated = t(5, 10, 3);
        assert.equal(escalated[0]?.alert.repeat, 0, "a change starts the count again");
        assert.deepEqual(t(6, 9), []);
        assert.equal(t(6, 10)[0]?.alert.repeat, 1);
    });

    it("holds notifications in quiet hours across midnight and releases one per key after", () => {
        const d = driver({ quietStart: "22:00", quietEnd: "07:00" });
        const feed = (
            day: number,
            hour: number,
            minute: number,
            parts: Parameters<typeof printer>[1],
        ): string[] => topics(d.feed(printer(at(day, hour, minute), parts)).notes);
        const black = (p: number): Msg => supply("1.1", "toner", "black", p);
        const cyan = (p: number): Msg => supply("1.2", "toner", "cyan", p);
        const yellow = (p: number): Msg => supply("1.3", "toner", "yellow", p);
        // Before quiet hours: yellow goes low and the user is told.
        assert.deepEqual(feed(3, 21, 0, { supplies: [black(50), cyan(50), yellow(10)] }), [
            "Office 2F: yellow toner low (10 %)",
        ]);
        // In quiet hours: black goes low (held), cyan goes low and back (never told), yellow recovers (held clear).
        assert.deepEqual(feed(3, 23, 0, { supplies: [black(10), cyan(10), yellow(60)] }), []);
        assert.deepEqual(feed(4, 2, 0, { supplies: [black(9), cyan(60), yellow(60)] }), []);
        // A critical one is sent at once.
        assert.deepEqual(feed(4, 3, 0, { supplies: [black(9), cyan(4), yellow(60)] }), [
            "Office 2F: cyan toner very low (4 %)",
        ]);
        assert.deepEqual(feed(4, 6, 55, { supplies: [black(9), cyan(4), yellow(60)] }), []);
        // The first input after 07:00 releases what is still different from what was sent.
        const released = d.feed(printer(at(4, 7, 5), { supplies: [black(9), cyan(4), yellow(60)] })).notes;
        assert.deepEqual(topics(released), [
            "Office 2F: black toner low (9 %)",
            "Office 2F: yellow toner ok again (60 %)",
        ]);
        assert.equal(released[0]?.alert.since, at(3, 23), "since when it really started");
        assert.deepEqual(
            topics(d.feed(printer(at(4, 7, 10), { supplies: [black(9), cyan(4), yellow(60)] })).notes),
            [],
        );
    });

    it("holds critical ones too when the bypass is off", () => {
        const d = driver({ quietStart: "22:00", quietEnd: "07:00", criticalBypass: false });
        const t = (day: number, hour: number, p: number): string[] =>
            topics(d.feed(printer(at(day, hour), { supplies: [supply("1.1", "toner", "black", p)] })).notes);
        assert.deepEqual(t(3, 23, 2), []);
        assert.deepEqual(t(4, 8, 2), ["Office 2F: black toner very low (2 %)"]);
    });

    it("keeps an episode going when it clears and comes back within quiet hours", () => {
        const d = driver({ quietStart: "22:00", quietEnd: "07:00" });
        const t = (day: number, hour: number, p: number): Notification[] =>
            d.feed(printer(at(day, hour), { supplies: [supply("1.1", "toner", "black", p)] })).notes;
        assert.equal(t(3, 20, 10).length, 1);
        assert.deepEqual(t(3, 23, 60), []);
        assert.deepEqual(t(4, 1, 10), []);
        assert.deepEqual(t(4, 8, 10), [], "the user was told 'low' and it is low: nothing to say");
        assert.equal(d.state.keys["10.0.0.5/supply/1.1"]?.since, Date.parse(at(3, 20)));
    });

    it("prefers the reading's own time to the arrival time", () => {
        const d = driver();
        const note = d.feed(
            printer(at(3, 9), { supplies: [supply("1.1", "toner", "black", 8)] }),
            Date.parse(at(20, 0)),
        ).notes[0];
        assert.equal(note?.alert.since, at(3, 9));
        const generic = driver({ genericWarning: "1" });
        const g = generic.feed({ topic: "t", payload: 2 }, Date.parse(at(20, 0))).notes[0];
        assert.equal(g?.alert.since, at(20, 0));
    });
});

describe("threshold-alert core: reset, lists and state", () => {
    function busy(): ReturnType<typeof driver> {
        const d = driver({ genericWarning: "1" });
        d.feed(printer(at(3, 9), { supplies: [supply("1.1", "toner", "black", 8)], errors: ["jammed"] }));
        d.feed(printer(at(3, 9), { supplies: [supply("1.1", "toner", "cyan", 8)] }, "10.0.0.6", "Office 3F"));
        d.feed({ topic: "room/temp", payload: 5 });
        return d;
    }
    const keys = (list: AlertList): string[] => list.payload.map((r) => r.key).sort();

    it("lists active alerts critical first, then oldest first", () => {
        const d = driver();
        d.feed(printer(at(3, 9), { supplies: [supply("1.1", "toner", "black", 8)] }));
        d.feed(
            printer(at(3, 10), { supplies: [supply("1.1", "toner", "cyan", 9)] }, "10.0.0.6", "Office 3F"),
        );
        const list = d.feed(
            printer(at(3, 11), { supplies: [supply("1.1", "toner", "black", 8)], errors: ["jammed"] }),
        ).list;
        assert.deepEqual(
            list.payload.map((r) => [r.severity, r.text, r.since]),
            [
                ["critical", "Office 2F: paper jam", at(3, 11)],
                ["warning", "Office 2F: black toner low (8 %)", at(3, 9)],
                ["warning", "Office 3F: cyan toner low (9 %)", at(3, 10)],
            ],
        );
        assert.deepEqual(list.summary, { critical: 1, warning: 2, watch: 0 });
    });

    it("resets one key, a device by host or by name, or everything, silently", () => {
        let d = busy();
        let out = d.feed({ reset: 1, topic: "10.0.0.5/error/jammed" });
        assert.deepEqual(out.notes, []);
        assert.deepEqual(keys(out.list), ["10.0.0.5/supply/1.1", "10.0.0.6/supply/1.1", "room/temp"]);
        d = busy();
        assert.deepEqual(keys(d.feed({ reset: true, topic: "10.0.0.5" }).list), [
            "10.0.0.6/supply/1.1",
            "room/temp",
        ]);
        d = busy();
        assert.deepEqual(keys(d.feed({ reset: true, topic: "Office 3F" }).list), [
            "10.0.0.5/error/jammed",
            "10.0.0.5/supply/1.1",
            "room/temp",
        ]);
        d = busy();
        assert.deepEqual(keys(d.feed({ reset: true, topic: "room/temp" }).list).length, 3);
        out = busy().feed({ reset: true, payload: 1700000000000 });
        assert.deepEqual(out.list.payload, []);
        assert.deepEqual(out.notes, []);
    });

    it("raises again after a reset if the problem is still there", () => {
        const d = busy();
        d.feed({ reset: true, topic: "10.0.0.5" });
        const again = d.feed(printer(at(3, 10), { supplies: [supply("1.1", "toner", "black", 8)] }));
        assert.deepEqual(topics(again.notes), ["Office 2F: black toner low (8 %)"]);
    });

    it("handles 1,000 keys at once, both ways (with the notification cap raised)", () => {
        const d = driver({ maxNotifications: "1000" });
        const aps = (clients: number): { id: string; name: string; clients: number }[] =>
            Array.from({ length: 1000 }, (_, i) => ({ id: `ap${i}`, name: `AP-${i}`, clients }));
        const busyHour = d.feed(wifi(at(3, 9), aps(42)));
        assert.equal(busyHour.notes.length, 1000);
        assert.ok(busyHour.notes.every((n) => n.alert.severity === "warning" && n.alert.change === "raised"));
        assert.equal(busyHour.list.payload.length, 1000);
        assert.equal(new Set(busyHour.notes.map((n) => n.alert.key)).size, 1000);
        assert.deepEqual(d.feed(wifi(at(3, 10), aps(42))).notes, []);
        const quiet = d.feed(wifi(at(3, 18), aps(3)));
        assert.equal(quiet.notes.length, 1000);
        assert.ok(quiet.notes.every((n) => n.alert.change === "cleared"));
        assert.deepEqual(quiet.list.payload, []);
        assert.deepEqual(Object.keys(d.state.keys), []);
    });

    it("caps the state, dropping what is not alerting first", () => {
        const d = driver({ unknownLevel: "watch" });
        d.feed(printer(at(3, 8), { supplies: [supply("1.1", "toner", "black", null, "unknown")] }));
        const aps = Array.from({ length: MAX_KEYS }, (_, i) => ({
            id: `ap${i}`,
            name: `AP-${i}`,
            clients: 99,
        }));
        const out = d.feed(wifi(at(3, 9), aps));
        assert.equal(out.dropped, 1);
        assert.equal(Object.keys(d.state.keys).length, MAX_KEYS);
        assert.deepEqual(out.list.watch, [], "the watch-only key went first");
        assert.equal(out.list.payload.length, MAX_KEYS);
    });

    it("restores what it saved, and ignores what it did not", () => {
        const d = busy();
        const copy = restoreState(JSON.parse(JSON.stringify(d.state)));
        assert.deepEqual(copy, d.state);
        assert.deepEqual(restoreState(undefined), emptyState());
        assert.deepEqual(restoreState({ version: 3, keys: {} }), emptyState());
        const mixed = restoreState({
            version: 2,
            keys: { a: { nonsense: true }, ...d.state.keys },
            aps: { h: "x" },
        });
        assert.deepEqual(Object.keys(mixed.keys).sort(), Object.keys(d.state.keys).sort());
        assert.deepEqual(Object.keys(mixed.aps), []);
    });

    it("keeps device strings plain text in subjects and bodies", () => {
        const d = driver();
        const evil = printer(
            at(3, 9),
            { supplies: [{ ...supply("1.1", "other", null, 3), name: "<img src=x onerror=alert(1)>" }] },
            "10.0.0.5",
            "Office\r\nBcc: everyone@example.com",
        );
        const note = d.feed(evil).notes[0];
        assert.ok(note);
        assert.doesNotMatch(note.topic, /[\r\n]/);
        assert.equal(
            note.topic,
            "Office Bcc: everyone@example.com: \u2039img src=x onerror=alert(1)\u203a very low (3 %)",
        );
        // The rule node-red-node-email uses to decide that a body is HTML.
        assert.doesNotMatch(note.payload, /<[a-z][\s\S]*>/i);
    });
});

describe("threshold-alert core: days left (supply-forecast)", () => {
    function withDays(time: string, daysLeft: number | null, reason?: string): Msg {
        const s = supply("1.1", "toner", "black", 40);
        s.forecast =
            daysLeft === null
                ? { daysLeft: null, reason }
                : { daysLeft, emptyOn: "2024-06-01", confidence: 0.8 };
        const t = tray("1.2", "Tray 2", 60);
        t.forecast = { daysLeft: 30 };
        return printer(time, { supplies: [s], trays: [t] });
    }

    it("warns 14 days ahead, escalates at 3, and says what to order", () => {
        const d = driver();
        assert.deepEqual(topics(d.feed(withDays(at(1, 9), 20)).notes), []);
        const warn = d.feed(withDays(at(2, 9), 12)).notes;
        assert.deepEqual(topics(warn), ["Office 2F: black toner runs out in about 12 days"]);
        assert.equal(warn[0]?.alert.key, "10.0.0.5/supply/1.1/days");
        assert.equal(warn[0]?.alert.kind, "forecast");
        assert.equal(warn[0]?.alert.unit, "days");
        assert.equal(warn[0]?.alert.threshold, 14);
        assert.match(warn[0]?.payload ?? "", /What to do: Order a new black toner cartridge\./);
        const crit = d.feed(withDays(at(9, 9), 2.6)).notes;
        assert.deepEqual(topics(crit), ["Office 2F: black toner runs out in about 2.6 days"]);
        assert.equal(crit[0]?.alert.severity, "critical");
        assert.match(crit[0]?.payload ?? "", /Order a new black toner cartridge now\./);
    });

    it("keeps its level while the forecast has no answer, clears after a new cartridge with margin", () => {
        const d = driver();
        d.feed(withDays(at(1, 9), 10));
        assert.deepEqual(topics(d.feed(withDays(at(2, 9), null, "insufficient data")).notes), []);
        assert.equal(d.feed(withDays(at(2, 10), null, "insufficient data")).list.payload.length, 1);
        assert.deepEqual(topics(d.feed(withDays(at(3, 9), 15)).notes), [], "14 + 2 days margin not reached");
        assert.deepEqual(topics(d.feed(withDays(at(3, 10), 90)).notes), [
            "Office 2F: black toner lasts 90 days",
        ]);
    });

    it("clears a supply that is no longer used, and can be switched off", () => {
        const d = driver();
        d.feed(withDays(at(1, 9), 5));
        const cleared = d.feed(withDays(at(2, 9), null, "no consumption")).notes;
        assert.deepEqual(topics(cleared), ["Office 2F: black toner no longer running out"]);
        const off = driver({ daysWarning: "", daysCritical: "" });
        assert.deepEqual(topics(off.feed(withDays(at(1, 9), 1)).notes), []);
    });

    it("words trays and waste boxes for what runs out", () => {
        const d = driver();
        const waste = supply("1.5", "wasteToner", null, 50);
        waste.forecast = { daysLeft: 6 };
        const t = tray("1.2", "Tray 2", 30);
        t.forecast = { daysLeft: 1 };
        const notes = d.feed(printer(at(1, 9), { supplies: [waste], trays: [t] })).notes;
        assert.deepEqual(topics(notes).sort(), [
            "Office 2F: Tray 2 out of paper in about 1 day",
            "Office 2F: waste toner box full in about 6 days",
        ]);
    });
});

describe("threshold-alert core: one AP, either output", () => {
    it("keys clients per AP the same from a device message and from an ap-clients metric", () => {
        const d = driver();
        const raised = d.feed(
            wifi(at(1, 9), [{ id: "00:11:22:33:44:55", name: "Lobby", clients: 35 }]),
        ).notes;
        assert.equal(raised[0]?.alert.key, "10.0.0.7/ap/00:11:22:33:44:55/clients");
        const metric = {
            topic: "HQ controller Lobby clients",
            payload: 12,
            metric: {
                device: "HQ controller",
                host: "10.0.0.7",
                kind: "clients",
                ap: "Lobby",
                apId: "00:11:22:33:44:55",
            },
        };
        const cleared = d.feed(metric).notes;
        assert.deepEqual(topics(cleared), ["HQ controller: AP Lobby back to 12 clients"]);
        assert.equal(cleared[0]?.alert.key, "10.0.0.7/ap/00:11:22:33:44:55/clients");
    });
});

describe("threshold-alert core: hardening", () => {
    const lowToner = (time: string, host: string, port: number, percent: number, device: string): Msg => {
        const msg = printer(time, { supplies: [supply("1.1", "toner", "black", percent)] }, host, device);
        (msg.payload as Msg).port = port;
        return msg;
    };

    it("tells two printers behind one address apart by port: no repeated alert or clear over 5 polls", () => {
        const d = driver();
        const notes: string[] = [];
        for (let poll = 0; poll < 5; poll++) {
            notes.push(...topics(d.feed(lowToner(at(3, 9 + poll), "10.0.0.5", 9161, 8, "Front desk")).notes));
            notes.push(
                ...topics(d.feed(lowToner(at(3, 9 + poll), "10.0.0.5", 9162, 80, "Back office")).notes),
            );
        }
        assert.deepEqual(notes, ["Front desk: black toner low (8 %)"]);
        assert.deepEqual(
            d.feed(lowToner(at(3, 15), "10.0.0.5", 9162, 80, "Back office")).list.payload.map((r) => r.key),
            ["10.0.0.5:9161/supply/1.1"],
        );
    });

    it("reads state stored by version 1 (keys without port): the printer heard first at the host adopts it", () => {
        const old = driver();
        old.feed(printer(at(3, 9), { supplies: [supply("1.1", "toner", "black", 8)] }));
        const v1 = JSON.parse(JSON.stringify({ ...old.state, version: 1 })) as Record<string, unknown>;
        delete v1.hostOnly;
        const d = driver();
        d.state = restoreState(v1);
        const same = d.feed(lowToner(at(3, 10), "10.0.0.5", 9161, 8, "Office 2F"));
        assert.deepEqual(same.notes, [], "still low: no repeat after the upgrade");
        assert.deepEqual(
            same.list.payload.map((r) => [r.key, r.since]),
            [["10.0.0.5:9161/supply/1.1", at(3, 9)]],
        );
        const other = d.feed(lowToner(at(3, 10), "10.0.0.5", 9162, 80, "Back office"));
        assert.deepEqual(other.notes, [], "the other printer at that address starts clean");
        const clear = d.feed(lowToner(at(3, 11), "10.0.0.5", 9161, 100, "Office 2F"));
        assert.deepEqual(topics(clear.notes), ["Office 2F: black toner ok again (100 %)"]);
        // At the standard port the keys stay as they were.
        const standard = driver();
        standard.state = restoreState(v1);
        assert.deepEqual(standard.feed(lowToner(at(3, 10), "10.0.0.5", 161, 8, "Office 2F")).notes, []);
        assert.deepEqual(Object.keys(standard.state.keys), ["10.0.0.5/supply/1.1"]);
    });

    it("keeps topics such as __proto__ and constructor as keys like any other", () => {
        const d = driver({ genericWarning: "10" });
        const names = ["__proto__", "constructor", "toString", "hasOwnProperty", "valueOf"];
        for (const topic of names) {
            assert.deepEqual(topics(d.feed({ topic, payload: 20 }).notes), [`${topic} high (20)`]);
        }
        const list = d.feed({ topic: "x", payload: 1 }).list;
        assert.deepEqual(list.payload.map((r) => r.key).sort(), [...names].sort());
        assert.equal(Object.getPrototypeOf(d.state.keys), null);
        const copy = driver({ genericWarning: "10" });
        copy.state = restoreState(JSON.parse(JSON.stringify(d.state)));
        assert.deepEqual(Object.keys(copy.state.keys).sort(), [...names].sort());
        assert.deepEqual(topics(copy.feed({ topic: "__proto__", payload: 1 }).notes), [
            "__proto__ ok again (1)",
        ]);
        assert.equal(
            ({} as Record<string, unknown>).severity,
            undefined,
            "nothing leaked into Object.prototype",
        );
    });

    it("words a supply whose type or colour is __proto__ or constructor from its own name", () => {
        const d = driver();
        const odd = (percent: number): Msg =>
            printer(at(3, 9), {
                supplies: [
                    { ...supply("1.1", "constructor", "black", percent), name: "Odd cartridge" },
                    { ...supply("1.2", "__proto__", "toString", percent), name: "Odder cartridge" },
                ],
            });
        assert.deepEqual(topics(d.feed(odd(5)).notes).sort(), [
            "Office 2F: Odd cartridge very low (5 %)",
            "Office 2F: Odder cartridge very low (5 %)",
        ]);
        assert.equal(
            supplyColour("constructor").fill,
            supplyColour("no such colour").fill,
            "no colour from Object.prototype",
        );
    });

    it("keeps an AP whose id is __proto__ in the device's AP list", () => {
        const d = driver();
        d.feed(
            wifi(at(3, 9), [
                { id: "__proto__", name: "Odd", clients: 1 },
                { id: "ap2", name: "B", clients: 1 },
            ]),
        );
        const gone = d.feed(wifi(at(3, 10), [{ id: "ap2", name: "B", clients: 1 }]));
        assert.deepEqual(topics(gone.notes), ["HQ controller: AP Odd missing"]);
    });

    it("sends output 2 only when the list changes", () => {
        const d = driver();
        const msg = (time: string, percent: number): Msg =>
            printer(time, { supplies: [supply("1.1", "toner", "black", percent)] });
        assert.equal(d.feed(msg(at(3, 9), 80)).sent, true, "the first input after a start sends the list");
        assert.equal(d.feed(msg(at(3, 10), 79)).sent, false, "all ok, as before");
        assert.equal(d.feed(msg(at(3, 11), 8)).sent, true, "raised");
        assert.equal(d.feed(msg(at(3, 12), 8)).sent, false, "the same alert, the same value");
        assert.equal(d.feed(msg(at(3, 13), 7)).sent, true, "the value shown changed");
        assert.equal(d.feed({ reset: true, topic: "10.0.0.9" }).sent, false, "a reset that forgets nothing");
        assert.equal(d.feed({ reset: true, topic: "10.0.0.5" }).sent, true);
    });

    it("sends at most the cap of notifications per input, and one summary that says what it stands for", () => {
        const d = driver();
        const supplies = Array.from({ length: 10_000 }, (_, i) => supply(`1.${i + 1}`, "toner", "black", 8));
        const flood = d.feed(printer(at(3, 9), { supplies }));
        assert.equal(flood.notes.length, 21);
        const summary = flood.notes[20];
        assert.equal(summary?.topic, "Office 2F: 9980 more alert changes");
        assert.equal(summary?.alert.kind, "summary");
        assert.equal(summary?.alert.value, 9980);
        assert.deepEqual((summary?.alert as { changes?: unknown }).changes, { raised: 9980 });
        assert.match(
            summary?.payload ?? "",
            /^9980 more alert changes came with this input, more than the 20/,
        );
        assert.match(summary?.payload ?? "", /Office 2F \(10\.0\.0\.5\): 9980/);
        assert.equal(flood.list.payload.length, MAX_KEYS, "the list has every alert the state can hold");
        assert.deepEqual(d.feed(printer(at(3, 10), { supplies })).notes, [], "nothing again for the same");
        const severities = d
            .feed(
                printer(at(3, 11), {
                    supplies: [...supplies.slice(0, 30), supply("1.99999", "toner", "cyan", 1)],
                }),
            )
            .notes.map((n) => n.alert.severity);
        assert.equal(severities[0], "critical", "the most severe go out one by one first");
    });
});
