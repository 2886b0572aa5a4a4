import assert from "node:assert/strict";
import { inQuietHours, parseRules, type RuleConfig, type Rules } from "../../nodes/lib/alert/rules";
import { cleanText, formatTime } from "../../nodes/lib/alert/format";

function rulesOf(config: RuleConfig): Rules {
    const parsed = parseRules(config);
    if ("problems" in parsed) assert.fail(JSON.stringify(parsed.problems));
    return parsed.rules;
}

function problemsOf(config: RuleConfig): string[] {
    const parsed = parseRules(config);
    return "problems" in parsed ? parsed.problems.map((p) => p.field) : [];
}

describe("threshold-alert rules", () => {
    it("has the documented defaults when the config is empty", () => {
        const rules = rulesOf({});
        assert.deepEqual(rules.supplies, {
            toner: { warning: 15, critical: 5 },
            drum: { warning: 10, critical: 3 },
            waste: { warning: 10, critical: 3 },
        });
        assert.equal(rules.someRemaining, "watch");
        assert.equal(rules.unknownLevel, "watch");
        assert.equal(rules.trayLow, 10);
        assert.equal(rules.trayEmpty, "critical");
        assert.equal(rules.errors.jammed, "critical");
        assert.equal(rules.errors.doorOpen, "warning");
        assert.equal(rules.errors.offline, "warning");
        assert.equal(rules.errors.serviceRequested, "warning");
        assert.equal(rules.errors.noToner, "critical");
        assert.equal(rules.errors.lowPaper, "off");
        assert.equal(rules.unreachable, "warning");
        assert.equal(rules.unreachablePolls, 3);
        assert.deepEqual(rules.apClients, { warning: 30, critical: 50 });
        assert.deepEqual(rules.signal, { warning: null, critical: null });
        assert.equal(rules.hysteresis, 5);
        assert.equal(rules.debounce, 1);
        assert.equal(rules.renotifyMs, 0);
        assert.equal(rules.quiet, null);
        assert.equal(rules.criticalBypass, true);
    });

    it("reads the editor's strings, and an empty field turns a level off", () => {
        const rules = rulesOf({
            tonerWarning: "20",
            tonerCritical: "",
            renotify: "1.5",
            signalWarning: "-80",
        });
        assert.deepEqual(rules.supplies.toner, { warning: 20, critical: null });
        assert.equal(rules.renotifyMs, 5_400_000);
        assert.deepEqual(rules.signal, { warning: -80, critical: null });
    });

    it("names every field that is wrong", () => {
        assert.deepEqual(
            problemsOf({ tonerWarning: "abc", debounce: "0", apWarning: "2.5", jammed: "loud" }),
            ["tonerWarning", "jammed", "apWarning", "debounce"],
        );
    });

    it("refuses a critical level on the wrong side of the warning level", () => {
        assert.deepEqual(problemsOf({ tonerWarning: "5", tonerCritical: "15" }), ["tonerCritical"]);
        assert.deepEqual(problemsOf({ apWarning: "50", apCritical: "30" }), ["apCritical"]);
        assert.deepEqual(problemsOf({ genericDir: "below", genericWarning: "10", genericCritical: "20" }), [
            "genericCritical",
        ]);
        assert.deepEqual(
            problemsOf({ genericDir: "above", genericWarning: "10", genericCritical: "20" }),
            [],
        );
    });

    it("needs both ends of quiet hours, as clock times", () => {
        assert.deepEqual(problemsOf({ quietStart: "22:00" }), ["quietEnd"]);
        assert.deepEqual(problemsOf({ quietStart: "25:00", quietEnd: "07:00" }), ["quietStart"]);
        assert.deepEqual(problemsOf({ quietStart: "07:00", quietEnd: "07:00" }), ["quietEnd"]);
        assert.deepEqual(rulesOf({ quietStart: "22:00", quietEnd: "7:30" }).quiet, { start: 1320, end: 450 });
    });

    it("uses the hysteresis as the generic deadband unless one is given", () => {
        assert.equal(rulesOf({ genericWarning: "30" }).generic.margin, 5);
        assert.equal(rulesOf({ genericWarning: "30", genericDeadband: "0.5" }).generic.margin, 0.5);
    });

    it("knows quiet hours across midnight and within a day", () => {
        const night = { start: 22 * 60, end: 7 * 60 };
        const at = (h: number, m: number): number => new Date(2024, 4, 3, h, m).getTime();
        assert.equal(inQuietHours(at(21, 59), night), false);
        assert.equal(inQuietHours(at(22, 0), night), true);
        assert.equal(inQuietHours(at(3, 0), night), true);
        assert.equal(inQuietHours(at(6, 59), night), true);
        assert.equal(inQuietHours(at(7, 0), night), false);
        const lunch = { start: 12 * 60, end: 13 * 60 };
        assert.equal(inQuietHours(at(12, 30), lunch), true);
        assert.equal(inQuietHours(at(13, 0), lunch), false);
        assert.equal(inQuietHours(at(3, 0), null), false);
    });
});

describe("threshold-alert wording helpers", () => {
    it("makes device strings plain text: no controls, no tags, bounded", () => {
        assert.equal(cleanText("Office\r\nBcc: x@example.com"), "Office Bcc: x@example.com");
        assert.equal(cleanText("<img src=x onerror=alert(1)>"), "\u2039img src=x onerror=alert(1)\u203a");
        assert.equal(cleanText("abc\u202edef"), "abc def");
        assert.equal(cleanText("x".repeat(100)).length, 80);
        assert.equal(cleanText(undefined), "");
        assert.equal(cleanText({ toString: () => "sneaky" }), "");
    });

    it("writes local time to the minute", () => {
        assert.equal(formatTime(new Date(2024, 0, 5, 7, 3).getTime()), "2024-01-05 07:03");
    });
});
