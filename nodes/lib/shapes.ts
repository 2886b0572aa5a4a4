/**
 * Hidden classes of objects that live only during a poll, kept from one poll to the next.
 *
 * V8 gives objects of one shape a hidden class (a "map"), which lives as long as some object has
 * it. Optimized code refers to the maps it checks weakly. Once a Node-RED has been idle for a
 * few seconds, as it is between polls, V8's memory reducer runs full collections that keep no
 * map without objects; every optimized function that checked such a map is thrown away, and the
 * next polls run unoptimized until V8 compiles them again. For 100 printers on a 100 ms link,
 * polls after such a collection took 30 to 120 ms of CPU, 12 to 24 ms otherwise.
 *
 * One object of each such shape, kept here for as long as the process runs, keeps its map. This
 * module keeps Node.js's own (a datagram's Buffer and sender, timers, abort controllers); the
 * package's classes and query objects keep theirs where they are defined.
 */
import { serialize } from "node:v8";

const KEPT: object[] = [];

/** The objects kept (for tests: a poll's objects of these shapes have the same map). */
export function keptShapes(): readonly object[] {
    return KEPT;
}

/** Keep `sample` (an object of a shape that otherwise lives only during a poll); returns it. */
export function keepShape<T extends object>(sample: T): T {
    KEPT.push(sample);
    return sample;
}

// A Buffer made by Node.js's C++ side, as every datagram received is: a Uint8Array given
// Buffer's prototype afterwards, which is a map of its own (a Buffer made in JavaScript has
// another). v8.serialize makes its Buffer the same way.
keepShape(serialize(0));
// Where a datagram came from, which Node.js makes in C++ with these properties in this order.
keepShape({ address: "127.0.0.1", family: "IPv4", port: 0, size: 0 });

// A device's deadline and a turn of the event loop: a timer and an immediate, cleared (the same
// map as a running one).
clearTimeout(keepShape(setTimeout(() => undefined, 0)));
clearImmediate(keepShape(setImmediate(() => undefined)));

// A device's AbortController. (Not its signal: a signal kept with a listener did not have the
// map of a poll's signals, checked with %HaveSameMap, so it kept nothing.)
keepShape(new AbortController());
