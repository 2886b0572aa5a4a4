/**
 * What kind of device a sysObjectID and sysDescr name, as data. These tables answer "is this a
 * printer, is this an access point or Wi-Fi controller", which is not the ap-clients question
 * "which MIB profile reads its clients": a profile's signature may be as wide as a whole vendor
 * (Cisco, TP-Link, MikroTik make switches and routers too) because its probe confirms it, while
 * a product line here is named only when all of it is printers, resp. wireless.
 *
 * Sources: IANA enterprise numbers; the vendors' MIBs (sysObjectID registrations: Printer and
 * print-server products of each maker, AP and controller product lines); sysDescr texts seen on
 * real devices (LibreNMS's OS definitions list many, under GPL: only the facts are used).
 */
import type { Signature } from "../ap/types";

/** Printer product lines: makers who make (almost) nothing else on a LAN, or their printer subtree. */
export const PRINTER_SIGNATURES: readonly Signature[] = [
    { oid: "1.3.6.1.4.1.11.2.3.9" }, // HP netperipherals: JetDirect and printers
    { oid: "1.3.6.1.4.1.11.1" }, // early HP JetDirect cards
    { oid: "1.3.6.1.4.1.236.11" }, // Samsung printers
    { oid: "1.3.6.1.4.1.253" }, // Xerox
    { oid: "1.3.6.1.4.1.297" }, // Fuji Xerox, FUJIFILM Business Innovation
    { oid: "1.3.6.1.4.1.367" }, // Ricoh (also Lanier, Savin, Gestetner, NRG, infotec)
    { oid: "1.3.6.1.4.1.641" }, // Lexmark
    { oid: "1.3.6.1.4.1.674.10898" }, // Dell printers
    { oid: "1.3.6.1.4.1.683" }, // Extended Systems print servers (ZebraNet)
    { oid: "1.3.6.1.4.1.1129" }, // Toshiba TEC
    { oid: "1.3.6.1.4.1.1248" }, // Seiko Epson
    { oid: "1.3.6.1.4.1.1347" }, // Kyocera
    { oid: "1.3.6.1.4.1.1602" }, // Canon
    { oid: "1.3.6.1.4.1.2001" }, // OKI Data
    { oid: "1.3.6.1.4.1.2385" }, // Sharp
    { oid: "1.3.6.1.4.1.2435" }, // Brother
    { oid: "1.3.6.1.4.1.10642" }, // Zebra Technologies
    { oid: "1.3.6.1.4.1.18334" }, // Konica Minolta (also Develop)
    { oid: "1.3.6.1.4.1.24807" }, // RISO Kagaku
    { oid: "1.3.6.1.4.1.51966" }, // TSC label printers
    {
        descr: /\b(printer|print ?server|jetdirect|laserjet|officejet|deskjet|designjet|pagewide|mfp|multifunction)\b/i,
    },
    {
        descr: /^(KYOCERA|KONICA MINOLTA|RICOH|LANIER|SAVIN|GESTETNER|NRG|infotec|Xerox|FUJI ?XEROX|FUJIFILM|Lexmark|OKI\b|OkiLAN|EPSON|Brother|ZebraNet|Zebra|Develop|UTAX|TA Triumph|Olivetti|Muratec|Pantum|Sindoh|RISO)/i,
    },
    { descr: /^SHARP (AR|AL|BP|DX|MX)-/ },
    { descr: /^TOSHIBA (e-STUDIO|TEC)/i },
    {
        descr: /^Canon (MF|iR|LBP|iP|iX|MX|MG|MB|TS|TR|TM|G\d|GX|D\d|PRO-|imageRUNNER|imagePROGRAF|imagePRESS|iPF|i-SENSYS|imageCLASS|MAXIFY|PIXMA)/,
    },
    { descr: /^Samsung (C|S|M|ML|CLP|CLX|SCX|SL|X)/ },
    { descr: /^Dell\b.*(MFP|Printer|Laser)/ },
    { descr: /^(TTP|TDP|TX|TE|TA|TC|MH|ML|MB)-?\d{3}.*\bEZD\b/ }, // TSC firmware ("TTP244CE Version: 7.02 EZD")
    { descr: /^HP ETHERNET MULTI-ENVIRONMENT/ }, // HP JetDirect cards and embedded servers
    { descr: /^(SATO|Printronix|Intermec (PM|PX|PD|PC)\d|Honeywell (PM|PX|PD|PC)\d)/ }, // label and line printers
];

/** Devices some printer rules would take for printers, but which are not. */
export const NOT_PRINTER: readonly Signature[] = [{ descr: /\b(projector|camera)\b/i }];

/**
 * Access points, Wi-Fi controllers and wireless bridges. A vendor that also makes routers or
 * firewalls (MikroTik, FortiGate, LANCOM routers, OpenWrt) is not here: such a device is
 * wireless when an ap-clients profile's probe answers.
 */
export const WIRELESS_SIGNATURES: readonly Signature[] = [
    { oid: "1.3.6.1.4.1.9.6.1.32" }, // Cisco small-business WAP
    { oid: "1.3.6.1.4.1.9.6.1.37" }, // Cisco Business Wireless
    { oid: "1.3.6.1.4.1.161.19" }, // Motorola / Cambium Canopy: PMP, CMM
    { oid: "1.3.6.1.4.1.171.10.37" }, // D-Link DAP access points
    { oid: "1.3.6.1.4.1.388" }, // Symbol / Motorola / Extreme WiNG access points and controllers
    { oid: "1.3.6.1.4.1.2356.13" }, // LANCOM LCOS LX access points
    { oid: "1.3.6.1.4.1.2356.600" }, // LANCOM wireless (L-series)
    { oid: "1.3.6.1.4.1.4329.15" }, // Extreme Wireless Controller (EWC)
    { oid: "1.3.6.1.4.1.6486.800.1.1.2.2.2" }, // Alcatel-Lucent OmniAccess WLAN (AOS-W)
    { oid: "1.3.6.1.4.1.6486.802" }, // Alcatel-Lucent OmniAccess Stellar access points
    { oid: "1.3.6.1.4.1.8744" }, // Colubris / HPE MSM
    { oid: "1.3.6.1.4.1.10002.1" }, // Ubiquiti airOS and UniFi
    { oid: "1.3.6.1.4.1.12356.120" }, // FortiAP
    { oid: "1.3.6.1.4.1.14125" }, // EnGenius (Senao)
    { oid: "1.3.6.1.4.1.14179" }, // Airespace / Cisco WLC
    { oid: "1.3.6.1.4.1.14823" }, // Aruba
    { oid: "1.3.6.1.4.1.15983" }, // Meru / FortiWLC
    { oid: "1.3.6.1.4.1.17713.21" }, // Cambium ePMP
    { oid: "1.3.6.1.4.1.17713.22" }, // Cambium cnPilot
    { oid: "1.3.6.1.4.1.21013" }, // Xirrus
    { oid: "1.3.6.1.4.1.25053.3.1" }, // Ruckus wireless (ZoneDirector, SmartZone, Unleashed, APs)
    { oid: "1.3.6.1.4.1.26928.1" }, // Aerohive HiveOS
    { oid: "1.3.6.1.4.1.28087" }, // Albentia
    { oid: "1.3.6.1.4.1.32750" }, // LigoWave
    { oid: "1.3.6.1.4.1.32761" }, // Deliberant
    { oid: "1.3.6.1.4.1.41112", notOid: ["1.3.6.1.4.1.41112.1.5"] }, // Ubiquiti, not EdgeOS routers
    { oid: "1.3.6.1.4.1.43356" }, // Mimosa
    { oid: "1.3.6.1.4.1.57344" }, // Tachyon Networks
    {
        descr: /^(Cisco (Controller|Business Wireless)|=?Meraki (MR|CW)|Apple (AirPort|Base Station)|Base Station V|Deliberant|Ligo|Mimosa|Xirrus|CMM|CANOPY|Cambium (ePMP|cnPilot)|Ruckus Wireless|SmartCell Gateway|Alta AP|AOS-W|UAP|U6|U7|E7\b|UK-)/i,
    },
    { descr: /^(ArubaOS|AOS-8|AOS-10) \(MODEL:/ },
    {
        descr: /\b(HiveOS|HiveAP|Aironet|Mobility Express|MESH POINT|WiFi Array|Grandstream GWN|GWN7\d{3})\b/i,
    },
    { descr: /\b(WAP\d{3}|DAP-\d{4}|NWA\d|WAC\d|WAX\d|NXC\d|AirEngine|Catalyst 9800|C9800)/ },
    { descr: /\b(access point|wireless (lan )?controller|wlan controller)\b/i },
    { descr: /^LANCOM (L-|OAP|IAP|LN-|LW-|LX-|OW-|OX-)/ },
    { descr: /^Linux .*Grandstream/ },
];

/** Makers by IANA enterprise number, for `vendor` when sysDescr names no brand. */
export const ENTERPRISES: Readonly<Record<string, string>> = {
    "9": "Cisco",
    "11": "HP",
    "63": "Apple",
    "161": "Cambium Networks",
    "171": "D-Link",
    "236": "Samsung",
    "253": "Xerox",
    "297": "FUJIFILM",
    "367": "Ricoh",
    "388": "Extreme Networks",
    "641": "Lexmark",
    "674": "Dell",
    "683": "Zebra",
    "890": "Zyxel",
    "1129": "Toshiba",
    "1248": "Epson",
    "1347": "Kyocera",
    "1602": "Canon",
    "1916": "Extreme Networks",
    "2001": "OKI",
    "2007": "Teldat",
    "2011": "Huawei",
    "2356": "LANCOM",
    "2385": "Sharp",
    "2435": "Brother",
    "4329": "Extreme Networks",
    "6486": "Alcatel-Lucent",
    "8744": "HPE",
    "10002": "Ubiquiti",
    "10642": "Zebra",
    "11863": "TP-Link",
    "12356": "Fortinet",
    "14125": "EnGenius",
    "14179": "Cisco",
    "14823": "Aruba",
    "14988": "MikroTik",
    "15983": "Fortinet",
    "17713": "Cambium Networks",
    "18334": "Konica Minolta",
    "21013": "Xirrus",
    "23695": "Peplink",
    "24807": "RISO",
    "25053": "Ruckus",
    "26928": "Aerohive",
    "28087": "Albentia",
    "27662": "Peplink",
    "29671": "Cisco Meraki",
    "32750": "LigoWave",
    "32761": "Deliberant",
    "41112": "Ubiquiti",
    "42397": "Grandstream",
    "43356": "Mimosa",
    "47196": "Aruba",
    "51966": "TSC",
    "57344": "Tachyon Networks",
    "61802": "Alta Labs",
};

/** Brands named in sysDescr, first match wins (a rebadged device shows the brand on its label). */
export const BRANDS: readonly (readonly [RegExp, string])[] = [
    [/\b(ArubaOS|AOS-8|AOS-10)\b/, "Aruba"],
    [/\bAOS-W\b/, "Alcatel-Lucent"],
    [/\bKONICA MINOLTA\b/i, "Konica Minolta"],
    [/\bFUJI ?XEROX\b/i, "FUJIFILM"],
    [/\bFUJIFILM\b/i, "FUJIFILM"],
    [/\bXerox\b/i, "Xerox"],
    [/\bKYOCERA\b/i, "Kyocera"],
    [/\bLANIER\b/i, "Lanier"],
    [/\bSAVIN\b/i, "Savin"],
    [/\bGESTETNER\b/i, "Gestetner"],
    [/^NRG\b/, "NRG"],
    [/\bRICOH\b/i, "Ricoh"],
    [/\bBrother\b/i, "Brother"],
    [/\bCanon\b/i, "Canon"],
    [/\bEPSON\b/i, "Epson"],
    [/\bLexmark\b/i, "Lexmark"],
    [/\bOKI(LAN)?\b/i, "OKI"],
    [/\bSHARP\b/, "Sharp"],
    [/\bTOSHIBA\b/i, "Toshiba"],
    [/\bSamsung\b/i, "Samsung"],
    [/^Dell\b/, "Dell"],
    [/\bZebra(Net)?\b/i, "Zebra"],
    [/^(HP|Hewlett[- ]Packard)\b|\bJETDIRECT\b/i, "HP"],
    [/\bMeraki\b/i, "Cisco Meraki"],
    [/\bCisco\b/i, "Cisco"],
    [/\bRuckus\b/i, "Ruckus"],
    [/\bRouterOS\b/i, "MikroTik"],
    [/\bLANCOM\b/i, "LANCOM"],
    [/\bGrandstream\b/i, "Grandstream"],
    [/^Alta AP/, "Alta Labs"],
    [/\b(D-Link|DAP-\d{4})/i, "D-Link"],
    [/\bApple\b|^Base Station V/i, "Apple"],
    [/^Deliberant\b/i, "Deliberant"],
    [/^Ligo/i, "LigoWave"],
    [/\bMimosa\b/i, "Mimosa"],
    [/\bXirrus\b/i, "Xirrus"],
    [/\b(NXC|NWA|WAC|WAX)\d/, "Zyxel"],
    [/^(CMM|CANOPY)|\bCambium\b/i, "Cambium Networks"],
    [/\bHive(OS|AP)\b/i, "Aerohive"],
    [/^(UAP|U6|U7|E7\b|UK-)/, "Ubiquiti"],
];
