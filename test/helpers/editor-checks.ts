/**
 * The editors' checks (resources/editor.js) against the runtime's parsers: a table of device and
 * MAC-name entries, each with whether the runtime takes it, and a way to run the script as a
 * browser would. Used by the unit, package and browser tests.
 */
import assert from "node:assert/strict";
import vm from "node:vm";
import { parseMacNames } from "../../nodes/lib/ap/names";
import { parseDeviceList } from "../../nodes/lib/devices";
import { HARD_MAX_ADDRESSES, parseRange } from "../../nodes/lib/discover/range";
import { EDITOR_GLOBAL } from "../../tools/build-editor";

/** Device entries, each with whether the runtime takes it (and so the editor must). */
export const DEVICE_LINES: [string, boolean][] = [
    ["10.0.0.5", true],
    ["10.0.0.5:1161", true],
    ["printer-2f.office.lan:1161 Office 2F", true],
    ["printer.example.", true],
    ["lab_printer.local", true],
    ["[fd00::7]:161  Lab printer  # comment", true],
    ["[fe80::1%eth0]", true],
    ["fe80::1", true],
    ["::ffff:192.0.2.1", true],
    ["1:2:3:4:5:6:7:8:161", true],
    ["host:65535", true],
    ["   # only a comment", true],
    ["", true],
    // Rejected by the runtime; the old editor check let these through.
    ["printer..office", false],
    ["-printer", false],
    ["printer.-office", false],
    [`${"a".repeat(64)}.example`, false],
    ["[::1]:0", false],
    ["[1.2.3.4]", false],
    // Rejected by both.
    ["[zz::1]", false],
    ["host:0", false],
    ["host:70000", false],
    ["host:", false],
    ["bad!host", false],
    ["[::1", false],
    ["a:b:c", false],
];

export const MAC_LINES: [string, boolean][] = [
    ["aa:bb:cc:dd:ee:ff Anna's laptop", true],
    ["AA-BB-CC-DD-EE-FF Reception", true],
    ["aabb.ccdd.eeff Printer", true],
    ["aabbccddeeff Scanner # comment", true],
    ["aa.bb.cc.dd.ee.ff Dotted pairs", true],
    ["# only a comment", true],
    ["aa:bb:cc:dd:ee:ff", false],
    ["aa:bb:cc:dd:ee Short", false],
    ["gg:bb:cc:dd:ee:ff Not hex", false],
];

/** snmp-discover range fields, each with whether the runtime scans it. */
export const RANGE_LINES: [string, boolean][] = [
    ["192.0.2.0/24", true],
    ["10.0.0.10-10.0.0.60", true],
    ["10.0.0.10 - 60, 10.0.1.7", true],
    ["printer.example:1161  # one more", true],
    ["10.0.0.0/16", true],
    ["", true],
    ["10.0.0.0/8", false],
    ["10.0.0.300", false],
    ["10.0.0.60-10", false],
    ["224.0.0.1", false],
    ["255.255.255.255", false],
    ["bad!host", false],
];

export interface EditorChecks {
    validDevices(text: unknown): boolean;
    validMacNames(text: unknown): boolean;
    validRange(text: unknown): boolean;
}

/** Run the bundle as a browser would: no require, process, Buffer or module in sight. */
export function loadEditorScript(source: string): EditorChecks {
    const context = vm.createContext({});
    vm.runInContext(source, context, { filename: "resources/editor.js" });
    const checks = (context as Record<string, unknown>)[EDITOR_GLOBAL] as EditorChecks | undefined;
    assert.ok(checks, `the script sets ${EDITOR_GLOBAL}`);
    return checks;
}

/** The editor answers like the runtime on every entry of the tables, one at a time and all together. */
export function assertSameAsRuntime(checks: EditorChecks): void {
    for (const [line, ok] of DEVICE_LINES) {
        assert.equal(parseDeviceList(line).errors.length === 0, ok, `runtime on ${JSON.stringify(line)}`);
        assert.equal(checks.validDevices(line), ok, `editor on ${JSON.stringify(line)}`);
    }
    const good = DEVICE_LINES.filter(([, ok]) => ok).map(([l]) => l);
    assert.equal(checks.validDevices(good.join("\n")), true);
    assert.equal(checks.validDevices([...good, "printer..office"].join("\r\n")), false);
    assert.equal(
        checks.validDevices(undefined),
        true,
        "an empty field is valid (msg.devices may bring the list)",
    );
    for (const [line, ok] of MAC_LINES) {
        assert.equal(parseMacNames(line).errors.length === 0, ok, `runtime on ${JSON.stringify(line)}`);
        assert.equal(checks.validMacNames(line), ok, `editor on ${JSON.stringify(line)}`);
    }
    for (const [text, ok] of RANGE_LINES) {
        if (text !== "") {
            assert.equal(
                !("error" in parseRange(text, HARD_MAX_ADDRESSES)),
                ok,
                `runtime on ${JSON.stringify(text)}`,
            );
        }
        assert.equal(checks.validRange(text), ok, `editor on ${JSON.stringify(text)}`);
    }
}
