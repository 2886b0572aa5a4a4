/**
 * Ricoh and its brands Gestetner, Lanier, Savin, NRG, nashuatec, Rex-Rotary, Infotec
 * (RicohPrivateMIB, enterprise 367). ricohSysName (1.3.6.1.4.1.367.3.2.1.1.1.1), ricohSysVers
 * (…1.1.1.2), ricohEngSerialNumber (…367.3.2.1.2.1.4). ricohEngCounter (…367.3.2.1.2.19):
 * scalars Total .1, Printer .2, Fax .3, Copier .4, and ricohEngCounterTable .5.1 with
 * ricohEngCounterType .2 and ricohEngCounterValue .9; types: 10 machine total, 201/401/301 copy,
 * print and fax black-and-white, 202/203/402/403 copy and print in one/two colours and full
 * colour, 701 duplex printed sides. The sysDescr reads "RICOH MP C2503 1.35 / RICOH Network …".
 */
import type { VendorProfile } from "./profile";

const COUNTER = "1.3.6.1.4.1.367.3.2.1.2.19";
const TYPE = `${COUNTER}.5.1.2`;
const VALUE = `${COUNTER}.5.1.9`;

function ofTypes(...types: number[]) {
    return { walk: VALUE, where: { [TYPE]: types } };
}

export const ricoh: VendorProfile = {
    id: "ricoh",
    name: "Ricoh",
    enterprises: [367],
    brands: /^(?:RICOH|Gestetner|LANIER|SAVIN|NRG|nashuatec|Rex-Rotary|Infotec)\b/i,
    serial: [{ get: "1.3.6.1.4.1.367.3.2.1.2.1.4.0" }],
    model: [{ get: "1.3.6.1.4.1.367.3.2.1.1.1.1.0" }],
    firmware: [{ get: "1.3.6.1.4.1.367.3.2.1.1.1.2.0" }],
    deviceId: [{ get: "1.3.6.1.4.1.367.3.2.1.1.1.11.0" }],
    descr: {
        model: /^\S+\s+(.+?)\s+(?:V|Ver\s*)?\d[\d.]*[a-z]*\s+\//i,
        firmware: /^\S+\s+.+?\s+(?:V|Ver\s*)?(\d[\d.]*[a-z]*)\s+\//i,
    },
    pages: {
        total: [ofTypes(10), { get: `${COUNTER}.1.0` }],
        print: [ofTypes(400), { get: `${COUNTER}.2.0` }],
        fax: [ofTypes(300), { get: `${COUNTER}.3.0` }],
        copy: [ofTypes(200), { get: `${COUNTER}.4.0` }],
        mono: [ofTypes(201, 301, 401)],
        colour: [ofTypes(202, 203, 402, 403)],
        duplex: [ofTypes(701)],
    },
};
