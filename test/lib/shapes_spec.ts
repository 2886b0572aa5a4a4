/**
 * The objects kept so that V8's memory reducer does not free the hidden classes of a poll's
 * short-lived objects (nodes/lib/shapes.ts): each must share its hidden class with the objects a
 * poll makes, or it keeps nothing. Checked in a child process with V8's %HaveSameMap (a Node.js
 * release that changes how it makes a Buffer or a timer shows up here).
 */
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { join } from "node:path";

const LIB = join(__dirname, "..", "..", "nodes", "lib");

/** Runs in the child: for each kind of object a poll makes, is there a kept one with its map? */
const CHILD = `
const dgram = require("node:dgram");
const { keptShapes } = require(${JSON.stringify(join(LIB, "shapes"))});
const { OverlayMap } = require(${JSON.stringify(join(LIB, "overlay-map"))});
const kept = keptShapes();
const has = (obj) => kept.some((k) => %HaveSameMap(k, obj));
const out = {};
const timer = setTimeout(() => undefined, 60000);
out.timer = has(timer);
clearTimeout(timer);
const immediate = setImmediate(() => undefined);
out.immediate = has(immediate);
clearImmediate(immediate);
const controller = new AbortController();
controller.signal.addEventListener("abort", () => undefined, { once: true });
out.controller = has(controller);
out.overlayMap = has(new OverlayMap(new Map([["a", 1]])));
out.jsBuffer = has(Buffer.from("not a datagram"));
const receiver = dgram.createSocket("udp4");
const sender = dgram.createSocket("udp4");
receiver.on("message", (datagram, rinfo) => {
    out.datagram = has(datagram);
    out.sender = has(rinfo);
    sender.close();
    receiver.close();
    process.stdout.write(JSON.stringify(out));
});
receiver.bind(0, "127.0.0.1", () => sender.send(Buffer.from([0x30, 0]), receiver.address().port, "127.0.0.1"));
`;

function runChild(): Promise<Record<string, boolean>> {
    return new Promise((resolve, reject) => {
        execFile(
            process.execPath,
            ["--allow-natives-syntax", "-e", CHILD],
            { timeout: 20_000 },
            (err, stdout, stderr) => {
                if (err) return reject(new Error(`${err.message}\n${stderr}`));
                resolve(JSON.parse(stdout) as Record<string, boolean>);
            },
        );
    });
}

describe("kept shapes", function () {
    this.timeout(30_000);

    it("share their hidden class with what a poll makes: datagrams and their senders, timers, abort controllers, overlay maps", async () => {
        const found = await runChild();
        assert.deepEqual(found, {
            timer: true,
            immediate: true,
            controller: true,
            overlayMap: true,
            // A Buffer made in JavaScript has another map, which its constructor keeps anyway.
            jsBuffer: false,
            datagram: true,
            sender: true,
        });
    });
});
