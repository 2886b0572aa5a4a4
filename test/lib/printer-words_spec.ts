/**
 * The language tables of words.ts, one block per language: supply descriptions as printers set
 * to that language name them, and the colour and type a user expects from each. The colorant
 * table still wins over any word (last block).
 */
import assert from "node:assert/strict";
import { colourFromWords, soundsLikeReceptacle, typeFromWords } from "../../nodes/lib/printer/text";
import { LANGUAGES } from "../../nodes/lib/printer/words";
import { decodePrinter } from "../../nodes/lib/printer/decode";
import { P, result } from "./printer-helpers";

/** [description, colour or null, type] */
type Case = [string, string | null, string];

const CASES: Record<string, Case[]> = {
    en: [
        ["Black Toner Cartridge", "black", "toner"],
        ["Cyan Cartridge HP CF401X", "cyan", "unknown"],
        ["Magneta Toner", "magenta", "toner"],
        ["Light Magenta Ink", "lightMagenta", "ink"],
        ["Photo Black", "photoBlack", "unknown"],
        ["Matte Black Ink", "matteBlack", "ink"],
        ["Yellow DrumCartridge", "yellow", "opc"],
        ["Black Drum Cartridge", "black", "opc"],
        ["Imaging Unit", null, "opc"],
        ["Fusing unit", null, "fuser"],
        ["Fuser Kit", null, "fuser"],
        ["Transfer Belt", null, "transferUnit"],
        ["Waste Toner Box", null, "wasteToner"],
        ["Maintenance Box", null, "wasteInk"],
        ["Staple Cartridge", null, "staples"],
        ["Tri-colour Ink", null, "ink"],
        ["Cyan/Magenta/Yellow", null, "unknown"],
    ],
    de: [
        ["Schwarzer Toner", "black", "toner"],
        ["Tonerkartusche Gelb", "yellow", "toner"],
        ["Toner Zyan", "cyan", "toner"],
        ["Hell-Cyan Tinte", "lightCyan", "ink"],
        ["Fotoschwarz", "photoBlack", "unknown"],
        ["Bildtrommel Schwarz", "black", "opc"],
        ["Fixiereinheit", null, "fuser"],
        ["Transferband", null, "transferUnit"],
        ["Resttonerbehälter", null, "wasteToner"],
        ["Heftklammern", null, "staples"],
        ["Entwickler Magenta", "magenta", "developer"],
    ],
    fr: [
        ["Toner noir", "black", "toner"],
        ["Cartouche d'encre jaune", "yellow", "ink"],
        ["Cyan clair", "lightCyan", "unknown"],
        ["Noir photo", "photoBlack", "unknown"],
        ["Tambour", null, "opc"],
        ["Unité de fusion", null, "fuser"],
        ["Courroie de transfert", null, "transferUnit"],
        ["Cartouche de toner usagé", null, "wasteToner"],
        ["Agrafes", null, "staples"],
    ],
    es: [
        ["Tóner negro", "black", "toner"],
        ["Cartucho de tinta amarilla", "yellow", "ink"],
        ["Cian claro", "lightCyan", "unknown"],
        ["Unidad de imagen", null, "opc"],
        ["Unidad fusora", null, "fuser"],
        ["Contenedor de tóner residual", null, "wasteToner"],
        ["Grapas", null, "staples"],
    ],
    it: [
        ["Toner nero", "black", "toner"],
        ["Cartuccia inchiostro giallo", "yellow", "ink"],
        ["Ciano chiaro", "lightCyan", "unknown"],
        ["Tamburo", null, "opc"],
        ["Gruppo fusore", null, "fuser"],
        ["Contenitore toner di scarto", null, "wasteToner"],
    ],
    nl: [
        ["Zwarte toner", "black", "toner"],
        ["Gele inktcartridge", "yellow", "ink"],
        ["Licht cyaan", "lightCyan", "unknown"],
        ["Drumeenheid", null, "opc"],
        ["Fixeereenheid", null, "fuser"],
        ["Opvangbak restoner", null, "wasteToner"],
    ],
    pt: [
        ["Toner preto", "black", "toner"],
        ["Cartucho de tinta amarela", "yellow", "ink"],
        ["Ciano claro", "lightCyan", "unknown"],
        ["Cilindro", null, "opc"],
        ["Fusor", null, "fuser"],
        ["Recipiente de toner residual", null, "wasteToner"],
    ],
    pl: [
        ["Czarny toner", "black", "toner"],
        ["Toner żółty", "yellow", "toner"],
        ["Wkład atramentowy purpurowy", "magenta", "ink"],
        ["Bęben", null, "opc"],
        ["Utrwalacz", null, "fuser"],
        ["Pojemnik na zużyty toner", null, "wasteToner"],
    ],
    cs: [
        ["Černý toner", "black", "toner"],
        ["Tonerová kazeta žlutá", "yellow", "toner"],
        ["Inkoust azurový", "cyan", "ink"],
        ["Fotoválec", null, "opc"],
        ["Fixační jednotka", null, "fuser"],
        ["Odpadní nádobka", null, "wasteToner"],
    ],
    ru: [
        ["Черный тонер", "black", "toner"],
        ["Тонер-картридж жёлтый", "yellow", "toner"],
        ["Голубые чернила", "cyan", "ink"],
        ["Черные чернила", "black", "ink"],
        ["Фотобарабан", null, "opc"],
        ["Блок закрепления", null, "fuser"],
        ["Контейнер отработанного тонера", null, "wasteToner"],
    ],
    ja: [
        ["ブラックトナー", "black", "toner"],
        ["黒インク", "black", "ink"],
        ["ライトシアン", "lightCyan", "unknown"],
        ["マゼンタトナー", "magenta", "toner"],
        ["ドラムユニット", null, "opc"],
        ["定着ユニット", null, "fuser"],
        ["転写ベルト", null, "transferUnit"],
        ["廃トナーボックス", null, "wasteToner"],
        ["メンテナンスボックス", null, "wasteInk"],
    ],
    zh: [
        ["黑色碳粉卡匣", "black", "toner"],
        ["青色墨粉", "cyan", "toner"],
        ["品红色墨粉", "magenta", "toner"],
        ["黃色碳粉", "yellow", "toner"],
        ["淡青色墨水", "lightCyan", "ink"],
        ["硒鼓", null, "opc"],
        ["定影组件", null, "fuser"],
        ["转印带", null, "transferUnit"],
        ["废粉盒", null, "wasteToner"],
        ["黑白", null, "unknown"],
    ],
    ko: [
        ["검정 토너", "black", "toner"],
        ["시안토너", "cyan", "toner"],
        ["노랑 잉크", "yellow", "ink"],
        ["라이트 시안", "lightCyan", "unknown"],
        ["드럼 유닛", null, "opc"],
        ["정착기", null, "fuser"],
        ["폐토너 통", null, "wasteToner"],
    ],
};

describe("printer words in any language", () => {
    it("has a table for each of the 13 languages the issue names, and a test block for each table", () => {
        const langs = LANGUAGES.map((l) => l.lang).sort();
        assert.deepEqual(langs, [
            "cs",
            "de",
            "en",
            "es",
            "fr",
            "it",
            "ja",
            "ko",
            "nl",
            "pl",
            "pt",
            "ru",
            "zh",
        ]);
        assert.deepEqual(Object.keys(CASES).sort(), langs);
    });

    for (const [lang, cases] of Object.entries(CASES)) {
        it(`${lang}: colours and supply types from descriptions`, () => {
            const got = cases.map(([text]) => [text, colourFromWords(text), typeFromWords(text)]);
            assert.deepEqual(got, cases);
        });
    }

    it("knows a waste container in every language that has one, for agents without class or type", () => {
        const waste = Object.values(CASES)
            .flat()
            .filter(([, , type]) => type === "wasteToner" || type === "wasteInk");
        assert.ok(waste.length >= 13);
        for (const [text] of waste) assert.equal(soundsLikeReceptacle(text), true, text);
        assert.equal(soundsLikeReceptacle("Black Toner"), false);
        assert.equal(soundsLikeReceptacle("定着ユニット"), false);
    });

    it("matches alphabetic words whole: no colour inside another word", () => {
        assert.equal(
            colourFromWords("Drum rotation counter"),
            null,
            "'rot' (German red) is not in 'rotation'",
        );
        assert.equal(colourFromWords("Reduced toner"), null);
        assert.equal(typeFromWords("Inkwell"), "unknown");
    });

    describe("in a reading", () => {
        // A Ricoh set to Chinese without a colorant table: colours come from the names (quirk).
        const chinese = result(`
            1.3.6.1.2.1.1.2.0|6|1.3.6.1.4.1.367.1.1
            ${P.supply}.3.1.1|2|0
            ${P.supply}.4.1.1|2|3
            ${P.supply}.5.1.1|2|3
            ${P.supply}.6.1.1|4x|${Buffer.from("黑色墨粉", "utf8").toString("hex")}
            ${P.supply}.8.1.1|2|100
            ${P.supply}.9.1.1|2|40
            ${P.supply}.6.1.2|4x|${Buffer.from("品红色墨粉", "utf8").toString("hex")}
            ${P.supply}.8.1.2|2|100
            ${P.supply}.9.1.2|2|60
            ${P.supply}.6.1.3|4x|${Buffer.from("废粉盒", "utf8").toString("hex")}
            ${P.supply}.9.1.3|2|-3
            ${P.general}.2.1|2|1
            ${P.localization}.4.1.1|2|106
        `);
        const opts = { lowLevel: 10, invertReceptacles: false, now: 0 };

        it("gives every Chinese-named supply its colour, and the waste box its type and class", () => {
            const r = decodePrinter(chinese, opts);
            assert.deepEqual(
                r.supplies.map((s) => [s.name, s.color, s.type, s.class]),
                [
                    ["黑色墨粉", "black", "toner", "consumed"],
                    ["品红色墨粉", "magenta", "toner", "consumed"],
                    ["废粉盒", null, "wasteToner", "receptacle"],
                ],
            );
            assert.ok(r.quirks.includes("colorFromDescription"));
            assert.ok(r.quirks.includes("typeFromDescription"));
        });

        it("still lets the colorant table win over the words", () => {
            const withColorant = result(`
                ${P.supply}.3.1.1|2|1
                ${P.supply}.5.1.1|2|3
                ${P.supply}.6.1.1|4|Schwarzer Toner
                ${P.supply}.8.1.1|2|100
                ${P.supply}.9.1.1|2|50
                ${P.colorant}.4.1.1|4|cyan
            `);
            const r = decodePrinter(withColorant, opts);
            assert.equal(r.supplies[0]?.color, "cyan");
            assert.ok(!r.quirks.includes("colorFromDescription"));
        });
    });
});
