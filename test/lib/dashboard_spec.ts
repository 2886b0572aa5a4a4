/**
 * The dashboard view models: what a person sees on the printer cards and in the Wi-Fi table,
 * computed from the messages of printer-supplies and ap-clients, with the texts of the real
 * message catalogs.
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import {
    colourKey,
    supplyColour,
    textOn,
    UNKNOWN_COLOUR,
    WASTE_COLOUR,
} from "../../nodes/lib/dashboard/colors";
import { AlertBook, handleInput, parseRules } from "../../nodes/lib/alert";
import { touch } from "../../nodes/lib/dashboard/freshness";
import type { Translate } from "../../nodes/lib/dashboard/input";
import { PrinterBoard, printerStatus, type PrinterCard } from "../../nodes/lib/dashboard/printers";
import { supplyKey } from "../../nodes/lib/printer/contract";
import { BOARD_STATE_VERSION } from "../../nodes/lib/dashboard/saved";
import { escapeLabel, printerTemplate, wifiTemplate } from "../../nodes/lib/dashboard/templates";
import { bandText, signalQuality, WifiBoard, wifiStatus } from "../../nodes/lib/dashboard/wifi";

const ROOT = join(__dirname, "..", "..");

/** RED._ over the real en-US catalogs: `a.b.c` lookups with `__name__` substitutions. */
function catalog(...types: string[]): Translate {
    const data: Record<string, unknown> = {};
    for (const type of types) {
        Object.assign(
            data,
            JSON.parse(
                readFileSync(join(ROOT, "nodes", "locales", "en-US", `${type}.json`), "utf8"),
            ) as object,
        );
    }
    return (key, subs = {}) => {
        let v: unknown = data;
        for (const part of key.split(".")) v = (v as Record<string, unknown> | undefined)?.[part];
        if (typeof v !== "string") return key;
        return v.replace(/__(\w+)__/g, (_, name: string) => String(subs[name] ?? `__${name}__`));
    };
}

const t = catalog("ui_printer_supplies", "ui_wifi_clients");
const S = 1000;
const T0 = Date.UTC(2026, 10, 21, 9, 0, 0);

function iso(ms: number): string {
    return new Date(ms).toISOString();
}

/** A printer-supplies output-1 message (shapes.md), healthy unless overridden. */
function reading(host: string, device: string, over: Record<string, unknown> = {}, time = T0) {
    return {
        topic: device,
        payload: {
            device,
            host,
            reachable: true,
            model: "LaserJet M554",
            serial: "JP1234",
            name: device.toLowerCase(),
            location: "2nd floor",
            uptime: 3600,
            time: iso(time),
            status: "idle",
            errors: [],
            alerts: [],
            supplies: [
                {
                    id: "1.1",
                    name: "Black Toner",
                    type: "toner",
                    color: "black",
                    class: "consumed",
                    unit: "percent",
                    level: 80,
                    max: 100,
                    percent: 80,
                    state: "ok",
                },
            ],
            trays: [
                { id: "1.2", name: "Tray 2", media: "A4", level: 250, max: 500, percent: 50, state: "ok" },
            ],
            outputs: [{ id: "1.1", name: "Face down bin", remaining: 100, max: 250, state: "ok" }],
            pageCount: 12345,
            quirks: [],
            ...over,
        } as Record<string, unknown>,
    };
}

function unreachable(host: string, device: string, time = T0) {
    return {
        topic: device,
        payload: {
            device,
            host,
            reachable: false,
            time: iso(time),
            error: { code: "timeout", message: `no answer from ${host}:161 in 5 s` },
        },
    };
}

function supply(over: Record<string, unknown>): Record<string, unknown> {
    return {
        id: "1.1",
        name: "Toner",
        type: "toner",
        color: null,
        class: "consumed",
        unit: "percent",
        level: 50,
        max: 100,
        percent: 50,
        state: "ok",
        ...over,
    };
}

function onlyCard(board: PrinterBoard, now = T0): PrinterCard {
    const cards = board.view(now).cards;
    assert.equal(cards.length, 1);
    return cards[0] as PrinterCard;
}

describe("dashboard: printer cards", () => {
    it("sorts cards by urgency: unreachable and critical first, then low, then ok", () => {
        const board = new PrinterBoard({ stalePolls: 3 }, t);
        board.update(reading("10.0.0.1", "Alpha"), T0);
        board.update(
            reading("10.0.0.2", "Bravo", {
                supplies: [supply({ name: "Cyan", color: "cyan", percent: 6, state: "low" })],
            }),
            T0,
        );
        board.update(reading("10.0.0.3", "Charlie", { errors: ["jammed"] }), T0);
        board.update(unreachable("10.0.0.4", "Delta"), T0);
        board.update(reading("10.0.0.5", "Echo", { alerts: [] }), T0);
        const view = board.view(T0);
        assert.deepEqual(
            view.cards.map((c) => [c.name, c.urgency]),
            [
                ["Charlie", "critical"],
                ["Delta", "offline"],
                ["Bravo", "warning"],
                ["Alpha", "ok"],
                ["Echo", "ok"],
            ],
        );
        assert.equal(view.summary, "5 printers · 1 critical · 1 low · 1 offline");
        assert.deepEqual(printerStatus(view), {
            fill: "yellow",
            shape: "ring",
            text: "5 printers, 2 low, 1 offline",
        });
    });

    it("names each condition once, in words, and says what stops the printer as its status", () => {
        const board = new PrinterBoard({ stalePolls: 3 }, t);
        board.update(
            reading("10.0.0.1", "Alpha", {
                status: "down",
                errors: ["lowToner", "doorOpen", "serviceRequested"],
                alerts: [
                    { severity: "other", group: "generalPrinter", code: "other", text: "Sleep mode" },
                    { severity: "critical", group: "cover", code: "coverOpen", text: "Close front door" },
                    { severity: "other", group: "generalPrinter", code: "other", text: "sleep MODE" },
                ],
            }),
            T0,
        );
        const card = onlyCard(board);
        assert.equal(card.status, "door open", "not 'down': what stops it");
        assert.equal(card.statusLevel, "warning", "threshold-alert's default for an open door");
        assert.equal(card.urgency, "warning");
        // The door once (bit and alert row are one condition), toner low left to the supply bars.
        assert.deepEqual(
            card.issues.map((i) => [i.level, i.text]),
            [
                ["warning", "service requested"],
                ["info", "Sleep mode"],
            ],
        );
    });

    it("says 'down' only for a printer that is down and says nothing more", () => {
        const board = new PrinterBoard({ stalePolls: 3 }, t);
        board.update(reading("10.0.0.1", "Alpha", { status: "warmup" }), T0);
        assert.equal(onlyCard(board).status, "warming up");
        assert.equal(onlyCard(board).urgency, "ok");
        board.update(reading("10.0.0.1", "Alpha", { status: "down" }), T0);
        assert.equal(onlyCard(board).status, "down");
        assert.equal(onlyCard(board).statusLevel, "stopped");
        board.update(reading("10.0.0.1", "Alpha", { status: "down", errors: ["noPaper"], trays: [] }), T0);
        assert.equal(onlyCard(board).status, "out of paper");
        assert.equal(onlyCard(board).statusLevel, "critical");
        assert.equal(onlyCard(board).urgency, "critical");
        assert.deepEqual(onlyCard(board).issues, [], "no second line for the same condition");
    });

    it("draws each supply in its colorant colour, grey when the colour is unknown", () => {
        const board = new PrinterBoard({ stalePolls: 3 }, t);
        board.update(
            reading("10.0.0.1", "Alpha", {
                supplies: [
                    supply({ id: "1.1", name: "Black", color: "black" }),
                    supply({ id: "1.2", name: "Cyan", color: "cyan" }),
                    supply({ id: "1.3", name: "Magenta", color: "magenta" }),
                    supply({ id: "1.4", name: "Yellow", color: "Yellow" }),
                    supply({ id: "1.5", name: "Light cyan", color: "light cyan" }),
                    supply({ id: "1.6", name: "Drum", type: "opc", color: null }),
                    supply({ id: "1.7", name: "Odd", color: "ultraviolet" }),
                ],
            }),
            T0,
        );
        const fills = onlyCard(board).supplies.map((b) => [b.name, b.fill]);
        assert.deepEqual(fills, [
            ["Black", "#212121"],
            ["Cyan", "#00a8e8"],
            ["Magenta", "#e6007e"],
            ["Yellow", "#ffe100"],
            ["Light cyan", "#7fd3f7"],
            ["Drum", UNKNOWN_COLOUR],
            ["Odd", UNKNOWN_COLOUR],
        ]);
    });

    it("shows percent left for consumables and fullness for waste boxes", () => {
        const board = new PrinterBoard({ stalePolls: 3 }, t);
        board.update(
            reading("10.0.0.1", "Alpha", {
                supplies: [
                    supply({ id: "1.1", name: "Black", color: "black", percent: 42 }),
                    supply({
                        id: "1.2",
                        name: "Waste toner box",
                        type: "wasteToner",
                        class: "receptacle",
                        percent: 8,
                        state: "almostFull",
                    }),
                    supply({
                        id: "1.3",
                        name: "Waste ink",
                        type: "wasteInk",
                        class: "receptacle",
                        percent: 70,
                    }),
                ],
            }),
            T0,
        );
        const [black, waste, ink] = onlyCard(board).supplies;
        assert.deepEqual([black?.width, black?.text, black?.kind], [42, "42 %", "supply"]);
        assert.deepEqual(
            [waste?.width, waste?.text, waste?.kind, waste?.level, waste?.fill],
            [92, "92 % full", "waste", "warning", WASTE_COLOUR],
        );
        assert.deepEqual([ink?.width, ink?.text, ink?.level], [30, "30 % full", "ok"]);
        assert.equal(onlyCard(board).urgency, "warning");
    });

    it("says a special level in words and never draws it as a number", () => {
        const board = new PrinterBoard({ stalePolls: 3 }, t);
        board.update(
            reading("10.0.0.1", "Alpha", {
                supplies: [
                    supply({ id: "a", name: "Some", level: -3, percent: null, state: "someRemaining" }),
                    supply({ id: "b", name: "Unknown", level: -2, percent: null, state: "unknown" }),
                    supply({ id: "c", name: "Unlimited", level: -1, percent: null, state: "unlimited" }),
                    supply({ id: "d", name: "Low", level: -3, percent: null, state: "low" }),
                    supply({
                        id: "e",
                        name: "Waste",
                        class: "receptacle",
                        percent: null,
                        state: "someRemaining",
                    }),
                ],
            }),
            T0,
        );
        const bars = onlyCard(board).supplies;
        assert.deepEqual(
            bars.map((b) => [b.name, b.text, b.width, b.hatched, b.level]),
            [
                ["Some", "some remaining", 100, true, "ok"],
                ["Unknown", "unknown", 0, false, "unknown"],
                ["Unlimited", "unlimited", 100, true, "ok"],
                ["Low", "low", 0, false, "warning"],
                ["Waste", "not full", 0, false, "ok"],
            ],
        );
        for (const b of bars) assert.doesNotMatch(b.text, /\d/, `${b.name} shows no number`);
    });

    it("marks an empty supply critical and a low one as low", () => {
        const board = new PrinterBoard({ stalePolls: 3 }, t);
        board.update(
            reading("10.0.0.1", "Alpha", {
                supplies: [
                    supply({ id: "1", name: "Cyan", color: "cyan", percent: 0, state: "empty" }),
                    supply({ id: "2", name: "Yellow", color: "yellow", percent: 9, state: "low" }),
                ],
            }),
            T0,
        );
        const card = onlyCard(board);
        assert.deepEqual(
            card.supplies.map((b) => [b.text, b.level]),
            [
                ["0 % · empty", "critical"],
                ["9 % · low", "warning"],
            ],
        );
        assert.equal(card.urgency, "critical");
    });

    it("marks cards, bars and counts exactly as the threshold-alert list that feeds it", () => {
        // A threshold-alert with its own levels (toner low below 60 %): its list, not the defaults.
        const parsed = parseRules({ tonerWarning: 60, tonerCritical: 20 });
        assert.ok("rules" in parsed);
        const msg = reading("10.0.0.1", "Alpha", {
            supplies: [
                supply({ id: "1", name: "Black", color: "black", percent: 50 }),
                supply({ id: "2", name: "Cyan", color: "cyan", percent: 70 }),
            ],
        });
        const alerted = handleInput(new AlertBook(), msg, parsed.rules, T0);
        assert.ok(alerted.ok);
        assert.ok(alerted.list !== null, "a new alert changes the list");
        const listed = alerted.list.payload.map((a) => [a.key, a.severity]);
        assert.deepEqual(listed, [["10.0.0.1/supply/1", "warning"]], "threshold-alert's own list");

        const fed = new PrinterBoard({ stalePolls: 3 }, t);
        fed.update(msg, T0);
        fed.update(alerted.list, T0);
        const card = onlyCard(fed);
        assert.deepEqual(
            card.supplies.map((b) => [b.name, b.level]),
            [
                ["Black", "warning"],
                ["Cyan", "ok"],
            ],
        );
        assert.equal(card.urgency, "warning");
        assert.equal(fed.view(T0).summary, "1 printer · 1 low");
        assert.equal(fed.view(T0).levels, "alerts");

        // The list clears: so do the marks, whatever the defaults would say.
        fed.update({ topic: "alerts", payload: [], watch: [], summary: { critical: 0, warning: 0 } }, T0);
        assert.equal(onlyCard(fed).urgency, "ok");

        // Not fed: threshold-alert's defaults (toner low at 15 %), run by the panel itself.
        const alone = new PrinterBoard({ stalePolls: 3 }, t);
        alone.update(msg, T0);
        assert.equal(onlyCard(alone).urgency, "ok");
        assert.equal(alone.view(T0).levels, "defaults");
    });

    it("draws each supply's history in its own colour, and the forecast's days left beside it", () => {
        const board = new PrinterBoard({ stalePolls: 3 }, t);
        const at = (minutes: number, percent: number, daysLeft: number) =>
            board.update(
                reading(
                    "10.0.0.1",
                    "Alpha",
                    {
                        supplies: [
                            supply({
                                id: "1",
                                name: "Magenta",
                                color: "magenta",
                                percent,
                                forecast: { daysLeft },
                            }),
                        ],
                    },
                    T0 + minutes * 60 * S,
                ),
                T0 + minutes * 60 * S,
            );
        at(0, 60, 12.4);
        assert.equal(onlyCard(board).supplies[0]?.spark, undefined, "one point is no line");
        at(60, 55, 12);
        const bar = onlyCard(board, T0 + 60 * 60 * S).supplies[0];
        assert.ok(bar?.spark, "a line from two readings on");
        assert.match(bar.spark.line, /^M[\d.,L]+$/);
        assert.equal(bar.fill, supplyColour("magenta").fill, "the line is drawn in the bar's colour");
        assert.equal(bar.forecast?.text, "empty in 12 days");
    });

    it("draws a bar per tray without making an empty bypass tray an alarm", () => {
        const board = new PrinterBoard({ stalePolls: 3 }, t);
        board.update(
            reading("10.0.0.1", "Alpha", {
                trays: [
                    {
                        id: "1.1",
                        name: "Bypass tray",
                        media: "",
                        level: 0,
                        max: 100,
                        percent: 0,
                        state: "empty",
                        manual: true,
                    },
                    {
                        id: "1.4",
                        name: "Tray 4",
                        media: "A3",
                        level: 0,
                        max: 250,
                        percent: 0,
                        state: "empty",
                    },
                    {
                        id: "1.2",
                        name: "",
                        media: "A4",
                        level: -3,
                        max: 500,
                        percent: null,
                        state: "someRemaining",
                    },
                    { id: "1.3", name: "", media: "", level: 500, max: 500, percent: 100, state: "ok" },
                ],
            }),
            T0,
        );
        const card = onlyCard(board);
        assert.deepEqual(
            card.trays.map((b) => [b.name, b.text, b.width, b.level]),
            [
                ["Bypass tray", "0 %", 0, "ok"],
                ["Tray 4", "0 % · empty", 0, "critical"],
                ["A4", "some remaining", 100, "ok"],
                ["Tray 4", "100 %", 100, "ok"],
            ],
        );
        assert.equal(card.urgency, "critical", "an empty paper tray is critical, as threshold-alert says");
    });

    it("keeps the latest reading per host and greys a printer after N missed polls", () => {
        const board = new PrinterBoard({ stalePolls: 3 }, t);
        for (const k of [0, 1, 2]) {
            board.update(reading("10.0.0.1", "Alpha", {}, T0 + k * 60 * S), T0 + k * 60 * S);
            board.update(reading("10.0.0.2", "Bravo", {}, T0 + k * 60 * S), T0 + k * 60 * S);
        }
        const last = T0 + 120 * S;
        // Bravo keeps reporting, Alpha falls silent.
        board.update(reading("10.0.0.2", "Bravo", {}, last + 60 * S), last + 60 * S);
        board.update(reading("10.0.0.2", "Bravo", {}, last + 120 * S), last + 120 * S);
        assert.equal(board.size, 2);
        assert.equal(
            board.nextChange(last + 120 * S),
            last + 180 * S,
            "Alpha turns stale 3 × 60 s after it was last heard",
        );

        const before = board.view(last + 179 * S).cards.find((c) => c.name === "Alpha");
        assert.equal(before?.greyed, false);
        const after = board.view(last + 180 * S).cards;
        assert.equal(after[0]?.name, "Alpha", "a stale printer sorts first");
        assert.equal(after[0]?.greyed, true);
        assert.equal(after[0]?.urgency, "offline");
        assert.equal(after[0]?.note, "no reading for 3 polls");
        assert.equal(after[0]?.status, "no data");
        assert.equal(after[0]?.statusLevel, "offline");
        assert.equal(after[0]?.lastReading, iso(last), "with the time of its last reading");
        assert.equal(after[0]?.supplies[0]?.text, "80 %", "its last values stay visible");
        assert.equal(after[1]?.greyed, false);
    });

    it("learns a printer's interval from its own readings, else from the others'", () => {
        const board = new PrinterBoard({ stalePolls: 2 }, t);
        // Alpha is polled every 10 minutes; Bravo every 30 s; Charlie has only one reading so far.
        board.update(reading("a", "Alpha"), T0);
        board.update(reading("a", "Alpha"), T0 + 600 * S);
        board.update(reading("b", "Bravo"), T0 + 570 * S);
        board.update(reading("b", "Bravo"), T0 + 600 * S);
        board.update(reading("c", "Charlie"), T0 + 600 * S);
        const at = (ms: number): Record<string, boolean> =>
            Object.fromEntries(board.view(T0 + 600 * S + ms).cards.map((c) => [c.name, c.greyed]));
        assert.deepEqual(at(59 * S), { Alpha: false, Bravo: false, Charlie: false });
        assert.deepEqual(at(60 * S), { Alpha: false, Bravo: true, Charlie: false });
        // Charlie is judged by the median of the others' intervals: (30 s + 600 s) / 2 = 315 s.
        assert.deepEqual(at(630 * S), { Alpha: false, Bravo: true, Charlie: true });
        assert.deepEqual(at(1200 * S), { Alpha: true, Bravo: true, Charlie: true });
    });

    it("is not fooled by a few manual polls: the interval is the longest recent gap", () => {
        let f = touch(undefined, 0);
        f = touch(f, 60 * S);
        f = touch(f, 60 * S + 200); // a double click: not a gap at all
        assert.deepEqual(f.gaps, [60 * S]);
        f = touch(f, 62 * S);
        f = touch(f, 64 * S);
        assert.equal(f.intervalMs, 60 * S, "three quick presses do not make it a 2 s interval");
        for (let k = 1; k <= 5; k++) f = touch(f, 64 * S + k * 30 * S);
        assert.equal(f.intervalMs, 30 * S, "a shorter interval is learned once it is all there is");
    });

    it("greys an unreachable printer and keeps its last good values and time", () => {
        const board = new PrinterBoard({ stalePolls: 3 }, t);
        board.update(reading("10.0.0.1", "Alpha", {}, T0), T0);
        board.update(unreachable("10.0.0.1", "Alpha", T0 + 60 * S), T0 + 60 * S);
        const card = onlyCard(board, T0 + 60 * S);
        assert.equal(card.greyed, true);
        assert.equal(card.urgency, "offline");
        assert.equal(card.status, "unreachable");
        assert.equal(card.note, "unreachable: no answer from 10.0.0.1:161 in 5 s");
        assert.equal(card.lastReading, iso(T0));
        assert.equal(card.model, "LaserJet M554");
        assert.equal(card.supplies[0]?.text, "80 %");
        // It comes back: no longer grey.
        board.update(reading("10.0.0.1", "Alpha", {}, T0 + 120 * S), T0 + 120 * S);
        assert.equal(onlyCard(board, T0 + 120 * S).greyed, false);
    });

    it("shows a printer that was never reachable with its host and no values", () => {
        const board = new PrinterBoard({ stalePolls: 3 }, t);
        board.update(unreachable("10.0.0.9", "10.0.0.9"), T0);
        const card = onlyCard(board);
        assert.equal(card.name, "10.0.0.9");
        assert.equal(card.lastReading, undefined);
        assert.deepEqual(card.supplies, []);
        assert.equal(card.greyed, true);
    });

    it("refuses what is not a printer reading and keeps the cards", () => {
        const board = new PrinterBoard({ stalePolls: 3 }, t);
        board.update(reading("10.0.0.1", "Alpha"), T0);
        const err = board.update({ topic: "Alpha Black Toner", payload: 42 }, T0);
        assert.equal(
            err,
            "expected a printer reading from output 1 of printer-supplies (msg.payload with host), got a number",
        );
        assert.match(board.update({ payload: { reachable: true } }, T0) ?? "", /got an object without host/);
        assert.equal(board.size, 1);
    });

    it("copes with fields of the wrong type without throwing", () => {
        const board = new PrinterBoard({ stalePolls: 3 }, t);
        const err = board.update(
            {
                payload: {
                    host: "10.0.0.1",
                    reachable: true,
                    device: { evil: true },
                    status: "<b>bad</b>",
                    errors: "jammed",
                    alerts: [null, 7, { severity: 3, text: ["x"] }],
                    supplies: [null, { id: "1", percent: "50", state: 1 }, { id: "1", percent: 150 }],
                    trays: {},
                    time: "yesterday",
                },
            },
            T0,
        );
        assert.equal(err, undefined);
        const card = onlyCard(board);
        assert.equal(card.name, "10.0.0.1");
        assert.equal(card.status, "unknown");
        assert.equal(card.lastReading, undefined);
        assert.deepEqual(
            card.supplies.map((b) => [b.key, b.text, b.width]),
            [
                ["1", "unknown", 0],
                ["1~2", "100 %", 100],
            ],
        );
    });

    it("keys printers by host and port when a message carries a port", () => {
        const board = new PrinterBoard({ stalePolls: 3 }, t);
        board.update({ ...reading("127.0.0.1", "Sim A"), port: 16001 }, T0);
        board.update({ ...reading("127.0.0.1", "Sim B"), port: 16002 }, T0);
        assert.equal(board.size, 2);
        board.update({ payload: [] as unknown }, T0);
        assert.equal(board.size, 2, "an array is not a reading");
        board.clear();
        assert.equal(board.size, 0);
    });

    it("keeps at most maxPrinters, dropping the one not heard from for longest", () => {
        const board = new PrinterBoard({ stalePolls: 3, maxPrinters: 2 }, t);
        board.update(reading("a", "A"), T0);
        board.update(reading("b", "B"), T0 + 1);
        board.update(reading("a", "A"), T0 + 2);
        board.update(reading("c", "C"), T0 + 3);
        assert.deepEqual(
            board.view(T0 + 3).cards.map((c) => c.name),
            ["A", "C"],
        );
    });

    it("saves its cards, marks and history as versioned JSON, and a board started from it shows the same", () => {
        const board = new PrinterBoard({ stalePolls: 3 }, t);
        [80, 70, 60].forEach((level, i) =>
            board.update(
                reading("10.0.0.11", "Reception", { supplies: [supply({ percent: level, level })] }),
                T0 + i * 60 * S,
            ),
        );
        board.update(reading("10.0.0.12", "Accounting"), T0);
        board.update(unreachable("10.0.0.12", "Accounting", T0 + 60 * S), T0 + 60 * S);
        board.update(
            {
                topic: "alerts",
                payload: [
                    { key: supplyKey({ host: "10.0.0.11" }, "1.1"), severity: "warning", host: "10.0.0.11" },
                ],
                summary: { critical: 0, warning: 1 },
            },
            T0 + 120 * S,
        );
        const saved = JSON.parse(JSON.stringify(board.snapshot())) as Record<string, unknown>;
        assert.equal(saved.version, BOARD_STATE_VERSION);
        assert.equal(saved.panel, "printers");

        const later = T0 + 150 * S;
        const back = new PrinterBoard({ stalePolls: 3 }, t);
        assert.deepEqual(back.restore(saved, later), { unreadable: false, dropped: 0 });
        assert.deepEqual(back.view(later), board.view(later), "the same cards, marks and history lines");
        const reception = back.view(later).cards.find((c) => c.key === "10.0.0.11");
        assert.equal(reception?.supplies[0]?.text, "60 % · low", "the mark of the alert list");
        assert.ok(reception?.supplies[0]?.spark, "the history line");
        const accounting = back.view(later).cards.find((c) => c.key === "10.0.0.12");
        assert.equal(accounting?.greyed, true, "still unreachable, its last values kept");
        assert.equal(accounting?.supplies.length, 1);
        // Greyed by age as usual: three missed polls of a minute.
        assert.equal(back.view(T0 + 10 * 60 * S).cards.find((c) => c.key === "10.0.0.11")?.greyed, true);
        assert.equal(back.nextChange(later), board.nextChange(later));
    });

    it("restores under what arrived first, and refuses what it cannot read without losing anything", () => {
        const board = new PrinterBoard({ stalePolls: 3 }, t);
        [80, 70].forEach((level, i) =>
            board.update(
                reading("10.0.0.11", "Reception", { supplies: [supply({ percent: level, level })] }),
                T0 + i * 60 * S,
            ),
        );
        const saved = JSON.parse(JSON.stringify(board.snapshot())) as { devices: unknown[] };

        // A reading arrived before the saved state was read back: it is newer and stays.
        const back = new PrinterBoard({ stalePolls: 3 }, t);
        back.update(
            reading("10.0.0.11", "Reception", { supplies: [supply({ percent: 65, level: 65 })] }),
            T0 + 120 * S,
        );
        assert.deepEqual(back.restore(saved, T0 + 121 * S), { unreadable: false, dropped: 0 });
        const card = onlyCard(back, T0 + 121 * S);
        assert.equal(card.supplies[0]?.text, "65 %");
        const line = card.supplies[0]?.spark?.line ?? "";
        assert.equal(line.split("L").length, 3, `the saved points, then the new one: ${line}`);

        for (const bad of [
            null,
            "x",
            { version: 99 },
            new WifiBoard({ stalePolls: 3, maxRows: 9 }, t).snapshot(),
        ]) {
            assert.deepEqual(back.restore(bad, T0), { unreadable: true, dropped: 0 }, JSON.stringify(bad));
        }
        assert.equal(onlyCard(back, T0 + 121 * S).supplies[0]?.text, "65 %", "nothing lost");

        const damaged = {
            ...saved,
            devices: [
                ...saved.devices,
                { key: "x", host: "10.0.0.9", freshness: { lastSeen: T0 }, payload: { host: 5 } },
                42,
            ],
        };
        const other = new PrinterBoard({ stalePolls: 3 }, t);
        assert.deepEqual(other.restore(damaged, T0 + 121 * S), { unreadable: false, dropped: 2 });
        assert.equal(other.size, 1, "the readable device comes back");
    });
});

describe("dashboard: colours", () => {
    it("normalises colorant names and keeps text readable on every fill", () => {
        assert.equal(colourKey("Light Cyan"), "lightcyan");
        assert.equal(colourKey("photo-black"), "photoblack");
        assert.equal(colourKey("Schwarz"), "black");
        assert.equal(colourKey("gray"), "grey");
        assert.equal(colourKey(null), "");
        assert.equal(supplyColour("yellow").text, "#212121");
        assert.equal(supplyColour("black").text, "#ffffff");
        assert.equal(textOn("#ffffff"), "#212121");
        assert.equal(
            supplyColour("javascript:alert(1)").fill,
            UNKNOWN_COLOUR,
            "only palette values reach CSS",
        );
    });
});

describe("dashboard: Wi-Fi clients", () => {
    function apReading(host: string, device: string, over: Record<string, unknown> = {}, time = T0) {
        return {
            topic: device,
            payload: {
                device,
                host,
                reachable: true,
                profile: "cisco-wlc",
                model: "AIR-CT3504",
                time: iso(time),
                totals: { clients: 3, aps: 2 },
                aps: [
                    {
                        id: "ap1",
                        name: "AP-Lobby",
                        mac: "00:11:22:33:44:01",
                        clients: 2,
                        radios: [],
                        ssids: [],
                    },
                    {
                        id: "ap2",
                        name: "AP-Office",
                        mac: "00:11:22:33:44:02",
                        clients: 1,
                        radios: [],
                        ssids: [],
                    },
                ],
                ssids: [{ ssid: "Office", clients: 3 }],
                clients: [
                    {
                        mac: "aa:bb:cc:00:00:01",
                        ap: "AP-Lobby",
                        ssid: "Office",
                        band: "5",
                        signal: -48,
                        snr: 45,
                    },
                    {
                        mac: "aa:bb:cc:00:00:02",
                        ap: "AP-Lobby",
                        ssid: "Guest",
                        band: "2.4GHz",
                        signal: -74,
                        name: "reception-pc",
                    },
                    { mac: "aa:bb:cc:00:00:03", ap: "AP-Office", ssid: "Office", band: "5", snr: 22 },
                ],
                capabilities: { perClient: true, signal: "dBm" },
                ...over,
            } as Record<string, unknown>,
        };
    }

    it("classes signal quality by dBm, else by SNR, at the documented bounds", () => {
        const dbm: [number, string][] = [
            [-30, "excellent"],
            [-50, "excellent"],
            [-51, "good"],
            [-60, "good"],
            [-61, "fair"],
            [-70, "fair"],
            [-71, "poor"],
            [-95, "poor"],
        ];
        for (const [v, q] of dbm) assert.equal(signalQuality(v), q, `${v} dBm`);
        const snr: [number, string][] = [
            [60, "excellent"],
            [40, "excellent"],
            [39, "good"],
            [25, "good"],
            [24, "fair"],
            [15, "fair"],
            [14, "poor"],
            [0, "poor"],
        ];
        for (const [v, q] of snr) assert.equal(signalQuality(undefined, v), q, `SNR ${v}`);
        assert.equal(signalQuality(-80, 50), "poor", "dBm wins over SNR");
        assert.equal(signalQuality(35), "unknown", "a positive value is not dBm");
        assert.equal(signalQuality(35, 20), "fair");
        assert.equal(signalQuality(), "unknown");
    });

    it("shows clients per AP and a row per client with name or MAC", () => {
        const board = new WifiBoard({ stalePolls: 3, maxRows: 200 }, t);
        board.update(apReading("10.0.1.1", "WLC"), T0);
        const view = board.view(T0);
        assert.deepEqual(
            view.aps.map((a) => [a.name, a.clients, a.width]),
            [
                ["AP-Lobby", 2, 100],
                ["AP-Office", 1, 50],
            ],
        );
        assert.deepEqual(
            view.clients.map((c) => [c.label, c.ap, c.ssid, c.band, c.signalText, c.quality, c.qualityText]),
            [
                ["aa:bb:cc:00:00:01", "AP-Lobby", "Office", "5 GHz", "-48 dBm", "excellent", "excellent"],
                ["reception-pc", "AP-Lobby", "Guest", "2.4 GHz", "-74 dBm", "poor", "poor"],
                ["aa:bb:cc:00:00:03", "AP-Office", "Office", "5 GHz", "SNR 22 dB", "fair", "fair"],
            ],
        );
        assert.equal(view.summary, "1 device · 2 APs · 3 clients");
        assert.deepEqual(wifiStatus(view), { fill: "green", shape: "dot", text: "2 APs, 3 clients" });
    });

    it("sorts signal values of both kinds together (SNR placed above a -95 dBm floor)", () => {
        const board = new WifiBoard({ stalePolls: 3, maxRows: 200 }, t);
        board.update(apReading("10.0.1.1", "WLC"), T0);
        const sorts = board.view(T0).clients.map((c) => c.signalSort);
        assert.deepEqual(sorts, [-48, -74, -73]);
    });

    it("notes a device that gives counts only, and counts its APs", () => {
        const board = new WifiBoard({ stalePolls: 3, maxRows: 200 }, t);
        board.update(
            apReading("10.0.1.2", "UniFi", {
                clients: [],
                aps: [{ id: "1", name: "U6-Lite", clients: 7 }],
                totals: { clients: 7, aps: 1 },
                capabilities: { perClient: false, signal: "none" },
            }),
            T0,
        );
        board.update(
            apReading("10.0.1.3", "hAP", {
                aps: [],
                clients: [],
                totals: { clients: 4 },
                capabilities: { perClient: false, signal: "none" },
            }),
            T0,
        );
        const view = board.view(T0);
        assert.deepEqual(
            view.aps.map((a) => [a.name, a.clients]),
            [
                ["hAP", 4],
                ["U6-Lite", 7],
            ],
        );
        assert.deepEqual(
            view.notes.map((n) => [n.name, n.text]),
            [
                ["hAP", "client counts only (the device lists no clients)"],
                ["UniFi", "client counts only (the device lists no clients)"],
            ],
        );
        assert.deepEqual(view.totals, { devices: 2, aps: 2, clients: 11 });
    });

    it("greys the rows of an unreachable or stale device and says why", () => {
        const board = new WifiBoard({ stalePolls: 3, maxRows: 200 }, t);
        board.update(apReading("10.0.1.1", "WLC", {}, T0), T0);
        board.update(apReading("10.0.1.1", "WLC", {}, T0 + 30 * S), T0 + 30 * S);
        board.update(
            apReading("10.0.1.9", "Branch", {
                aps: [{ id: "x", name: "AP-Branch", clients: 0 }],
                clients: [],
            }),
            T0,
        );
        board.update(unreachable("10.0.1.9", "Branch", T0 + 30 * S), T0 + 30 * S);
        let view = board.view(T0 + 30 * S);
        assert.deepEqual(
            view.notes.map((n) => [n.name, n.level, n.text, n.lastReading]),
            [["Branch", "offline", "unreachable: no answer from 10.0.1.9:161 in 5 s", iso(T0)]],
        );
        assert.deepEqual(
            view.aps.map((a) => [a.name, a.greyed]),
            [
                ["AP-Branch", true],
                ["AP-Lobby", false],
                ["AP-Office", false],
            ],
        );
        assert.equal(board.nextChange(T0 + 30 * S), T0 + 120 * S);
        view = board.view(T0 + 120 * S);
        assert.ok(view.clients.every((c) => c.greyed));
        assert.equal(view.notes.find((n) => n.name === "WLC")?.text, "no reading for 3 polls");
        assert.equal(wifiStatus(view).fill, "red", "every device offline");
    });

    it("keeps device strings as given (the page shows them as text) and keys rows uniquely", () => {
        const board = new WifiBoard({ stalePolls: 3, maxRows: 200 }, t);
        const hostile = "<script>window.pwned=1</script>";
        board.update(
            apReading("10.0.1.1", "WLC", {
                clients: [
                    {
                        mac: "aa:bb:cc:00:00:01",
                        name: hostile,
                        ap: "AP-Lobby",
                        ssid: "{{constructor}}",
                        signal: -60,
                    },
                    { mac: "aa:bb:cc:00:00:01", ap: "AP-Lobby", ssid: "Office", signal: -61 },
                ],
            }),
            T0,
        );
        const view = board.view(T0);
        assert.equal(view.clients.find((c) => c.label === hostile)?.ssid, "{{constructor}}");
        assert.equal(new Set(view.clients.map((c) => c.key)).size, 2);
        assert.match(board.update({ payload: 3 }, T0) ?? "", /output 1 of ap-clients/);
    });

    it("formats bands and limits the drawn rows", () => {
        assert.equal(bandText("5"), "5 GHz");
        assert.equal(bandText("2.4"), "2.4 GHz");
        assert.equal(bandText("6GHz"), "6 GHz");
        assert.equal(bandText("dual"), "dual");
        assert.equal(bandText(undefined), "");
        const board = new WifiBoard({ stalePolls: 3, maxRows: 2 }, t);
        board.update(apReading("10.0.1.1", "WLC"), T0);
        assert.equal(board.view(T0).maxRows, 2);
        assert.equal(board.view(T0).clients.length, 3, "the browser sorts every row, then draws maxRows");
    });
    it("saves its APs, clients and history lines, and a board started from them shows the same", () => {
        const board = new WifiBoard({ stalePolls: 3, maxRows: 200 }, t);
        for (let i = 0; i < 3; i++) board.update(apReading("10.0.1.1", "WLC"), T0 + i * 30 * S);
        const saved = JSON.parse(JSON.stringify(board.snapshot())) as unknown;
        const back = new WifiBoard({ stalePolls: 3, maxRows: 200 }, t);
        assert.deepEqual(back.restore(saved, T0 + 70 * S), { unreadable: false, dropped: 0 });
        assert.deepEqual(back.view(T0 + 70 * S), board.view(T0 + 70 * S));
        assert.ok(back.view(T0 + 70 * S).aps[0]?.clientsSpark, "the clients line");
        const printers = new PrinterBoard({ stalePolls: 3 }, t);
        assert.equal(printers.restore(saved, T0).unreadable, true, "not the printers panel's");
    });
});

describe("dashboard: templates", () => {
    it("binds device data as text only, never as HTML", () => {
        for (const html of [printerTemplate({}), wifiTemplate({})]) {
            assert.doesNotMatch(html, /ng-bind-html|\$sce|innerHTML|trustAs|ng-include/);
            // Every Angular binding is a {{ }} interpolation or a safe directive.
            for (const m of html.matchAll(/ ng-([a-z-]+)=/g)) {
                assert.ok(
                    [
                        "if",
                        "repeat",
                        "class",
                        "style",
                        "click",
                        "attr-d",
                        "attr-fill",
                        "attr-stroke",
                        "model",
                    ].includes(m[1] ?? ""),
                    `ng-${m[1]}`,
                );
            }
        }
        assert.equal(escapeLabel(`<b>"{{x}}"</b>`), "&lt;b&gt;&quot;x&quot;&lt;/b&gt;");
        assert.match(printerTemplate({ paper: "Papier & Fächer" }), /Papier &amp; Fächer/);
    });
});
