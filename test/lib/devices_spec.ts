import assert from "node:assert/strict";
import { deviceKey, devicesFromMessage, displayName, parseDeviceList } from "../../nodes/lib/devices";
import { problemWarnings } from "../../nodes/lib/lists";

describe("device lists", () => {
    it("reads one device per line with optional port and display name", () => {
        const list = parseDeviceList(
            "10.0.0.5\nprinter-2f.office.lan:1161 Office 2F\n\n# a comment\n[fd00::7]:161  Lab printer  # left of the hash\nfe80::1",
        );
        assert.deepEqual(list.errors, []);
        assert.deepEqual(list.devices, [
            { host: "10.0.0.5" },
            { host: "printer-2f.office.lan", port: 1161, name: "Office 2F" },
            { host: "fd00::7", port: 161, name: "Lab printer" },
            { host: "fe80::1" },
        ]);
    });

    it("names the line of every entry it cannot use and keeps the good ones", () => {
        const list = parseDeviceList("good.example\nbad!host:12\n10.0.0.9:70000\n[::1\nok:161");
        assert.deepEqual(
            list.devices.map((d) => d.host),
            ["good.example", "ok"],
        );
        assert.equal(list.errors.length, 3);
        assert.match(list.errors[0] ?? "", /^line 2:/);
        assert.match(list.errors[1] ?? "", /^line 3: invalid port/);
        assert.match(list.errors[2] ?? "", /^line 4:/);
    });

    it("takes msg.devices as strings or objects, and msg.host", () => {
        const fromArray = devicesFromMessage({
            devices: [
                "10.0.0.1:1161 Front desk",
                { host: "10.0.0.2", port: 162, name: "Back" },
                { host: "" },
                42,
            ],
        });
        assert.deepEqual(fromArray?.devices, [
            { host: "10.0.0.1", port: 1161, name: "Front desk" },
            { host: "10.0.0.2", port: 162, name: "Back" },
        ]);
        assert.equal(fromArray?.errors.length, 2);
        assert.deepEqual(devicesFromMessage({ host: "printer:2000" })?.devices, [
            { host: "printer", port: 2000 },
        ]);
        assert.equal(devicesFromMessage({ payload: 1 } as never), undefined);
    });

    it("keys devices by host and effective port, and names them given name > sysName > host", () => {
        assert.equal(deviceKey({ host: "Printer" }, 161), "printer:161");
        assert.equal(deviceKey({ host: "fd00::1", port: 1161 }, 161), "[fd00::1]:1161");
        assert.equal(displayName({ host: "10.0.0.5", name: "Office" }, "NPI12345"), "Office");
        assert.equal(displayName({ host: "10.0.0.5" }, "NPI12345"), "NPI12345");
        assert.equal(displayName({ host: "10.0.0.5" }, "  "), "10.0.0.5");
    });

    it("takes host names up to 253 characters and answers longer ones shortly", () => {
        const label = "a".repeat(63);
        const longest = [label, label, label, "a".repeat(61)].join(".");
        assert.equal(longest.length, 253);
        assert.deepEqual(parseDeviceList(`${longest}:1161`).devices, [{ host: longest, port: 1161 }]);
        assert.deepEqual(parseDeviceList(`${longest}a`).errors, [
            "line 1: host name too long (254 characters, at most 253)",
        ]);
        const huge = devicesFromMessage({ devices: [{ host: "x".repeat(100_000), port: 161 }, "b!d"] });
        assert.deepEqual(huge?.errors, [
            "msg.devices[0]: host name too long (100000 characters, at most 253)",
            'msg.devices[1]: "b!d" is not a valid host name or address',
        ]);
    });

    it("warns each problem of a short list, and one summary for a long one", () => {
        const few = ["line 1: a", "line 2: b"];
        assert.deepEqual(problemWarnings(few, "device lines"), few);
        const many = Array.from({ length: 100_000 }, (_, i) => `msg.devices[${i}]: bad`);
        assert.deepEqual(problemWarnings(many, "msg.devices entries"), [
            "100000 msg.devices entries could not be used: msg.devices[0]: bad; msg.devices[1]: bad; " +
                "msg.devices[2]: bad; and 99997 more",
        ]);
    });
});
