import Foundation
import Testing
@testable import NameCanon

@Suite struct CleaningTests {
    @Test func cleaningFoldsSpacesAndRemovesInvisibles() {
        let (text, report) = TextCleaner.clean("\u{3000} Xi\u{00A0}\u{200B}Jin\u{200D}ping \u{202E}\t")
        #expect(text == "Xi Jinping")
        #expect(report.removedInvisible)
    }

    @Test func cleaningUnifiesPunctuation() {
        #expect(TextCleaner.clean("Hsi Chin\u{2010}p\u{2019}ing").0 == "Hsi Chin-p'ing")
        #expect(TextCleaner.clean("Ｘｉ Ｊｉｎｐｉｎｇ").0 == "Xi Jinping")
    }

    @Test func cleaningComposesToNFC() throws {
        let nfd = try ICU.normalize("Nguyễn Phú Trọng", .nfd)
        #expect(nfd.unicodeScalars.count > "Nguyễn Phú Trọng".unicodeScalars.count)
        #expect(TextCleaner.clean(nfd).0.unicodeScalars.elementsEqual("Nguyễn Phú Trọng".unicodeScalars))
    }

    @Test func fastNFCPathAgreesWithICU() throws {
        // Every code point the fast path calls NFC must be unchanged by ICU's NFC.
        for v in stride(from: 0x20, to: 0xA000, by: 1) where TextCleaner.isSurelyNFC(UInt32(v)) {
            guard let s = Unicode.Scalar(v), !(0xD800...0xDFFF).contains(v) else { continue }
            let text = "a" + String(Character(s)) + "b"
            #expect(try ICU.normalize(text, .nfc) == text, "U+\(String(v, radix: 16))")
        }
    }

    @Test func overlongNamesAreErrorsNotWork() throws {
        #expect(throws: NameCanonError.self) { try NameCanon.shared.normalize(String(repeating: "Xi ", count: 400)) }
        #expect(throws: NameCanonError.self) { try NameCanon.shared.normalize(String(repeating: "习", count: 513)) }
        #expect(try NameCanon.shared.normalize(String(repeating: "Mr. ", count: 100) + "Xi Jinping").key.hasSuffix("xi jinping"))
    }

    @Test func emptyAndLetterlessNamesAreErrors() {
        #expect(throws: NameCanonError.self) { try NameCanon.shared.normalize("   ") }
        #expect(throws: NameCanonError.self) { try NameCanon.shared.normalize("\u{200B}") }
        #expect(throws: NameCanonError.self) { try NameCanon.shared.normalize("12 345") }
    }
}

@Suite struct MojibakeTests {
    @Test func repairsWindows1252() {
        #expect(Mojibake.repair("Nguyá»…n PhÃº Trá»\u{8D}ng") == "Nguyễn Phú Trọng")
        // 习近平's UTF-8 read as Windows-1252; its third byte, A0, is a no-break space there.
        #expect(Mojibake.repair("ä¹\u{A0}è¿‘å¹³") == "习近平")
        // The same text after the no-break space became a plain space (as copy and paste does):
        // the bytes are no longer UTF-8, so nothing can be repaired and the text is left alone.
        #expect(Mojibake.repair("ä¹ è¿‘å¹³") == nil)
    }

    @Test func leavesGenuineLatinAlone() {
        for s in ["José Martí", "SÃO PAULO", "Ærø", "André Braugher", "Nguyễn Phú Trọng"] {
            #expect(Mojibake.repair(s) == nil, "\(s)")
        }
    }
}

@Suite struct VietnameseSyllableTests {
    @Test(arguments: [
        ("hoà", "hòa", "hoà"), ("thuỷ", "thủy", "thuỷ"), ("khoẻ", "khỏe", "khoẻ"), ("qúy", "quý", "quý"),
        ("hoàng", "hoàng", "hoàng"), ("huỳnh", "huỳnh", "huỳnh"), ("nguyễn", "nguyễn", "nguyễn"),
        ("thưởng", "thưởng", "thưởng"), ("người", "người", "người"), ("giữa", "giữa", "giữa"),
        ("mùa", "mùa", "mùa"), ("khuỷu", "khuỷu", "khuỷu"), ("tuổi", "tuổi", "tuổi"), ("gìn", "gìn", "gìn"),
    ])
    func tonePlacement(_ input: String, _ new: String, _ old: String) throws {
        let s = try #require(VietnameseSyllable(input))
        #expect(s.written(.new) == new)
        #expect(s.written(.old) == old)
    }

    @Test func notSyllables() {
        for w in ["janet", "yellen", "braugher", "xyz", "qu"] { #expect(VietnameseSyllable(w) == nil, "\(w)") }
    }
}

@Suite struct PinyinTests {
    @Test func marks() {
        #expect(Pinyin.marked("xi2") == "xí")
        #expect(Pinyin.marked("lv3") == "lǚ")
        #expect(Pinyin.marked("gou3") == "gǒu")
        #expect(Pinyin.marked("hui4") == "huì")
        #expect(Pinyin.marked("zi5") == "zi")
    }

    @Test func segmentation() {
        let s = NameCanon.shared.tables.pinyinSyllables
        #expect(Pinyin.segment("jinping", syllables: s) == ["jin", "ping"])
        #expect(Pinyin.segment("xian", syllables: s) == ["xian"])
        #expect(Pinyin.segment("xi'an", syllables: s) == ["xi", "an"])
        #expect(Pinyin.segment("jinan", syllables: s) == ["ji", "nan"])
        #expect(Pinyin.segment("yellen", syllables: s) == nil)
    }

    @Test func joiningAddsApostrophes() {
        #expect(Pinyin.join(["wan", "er"]) == "wan'er")
        #expect(Pinyin.join(["jin", "ping"]) == "jinping")
    }
}

@Suite struct RulesOverlayTests {
    @Test func aRulesDirectoryOverridesAndAdds() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("namecanon-rules-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("zh"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        // A person surnamed 单 who is Dan, not Shan.
        try "# source: test\n单小明\tdan1 xiao3 ming2\ttest person\n".write(
            to: dir.appendingPathComponent("zh/name-readings+local.tsv"), atomically: true, encoding: .utf8)
        let canon = try NameCanon(rules: RuleFiles.embedded.overlaid(with: dir))
        #expect(try canon.normalize("单小明").latin == "Dan Xiaoming")
        #expect(try NameCanon.shared.normalize("单小明").latin == "Shan Xiaoming")
        #expect(try canon.normalize("单雄信").latin == "Shan Xiongxin")
    }

    @Test func aMissingRulesDirectoryIsAnError() {
        #expect(throws: NameCanonError.self) {
            _ = try RuleFiles.embedded.overlaid(with: URL(fileURLWithPath: "/nonexistent-namecanon-rules"))
        }
    }

    @Test func badICURulesReportLineAndOffset() {
        do {
            _ = try ICU.Transliterator(id: "Broken", rules: "a > b ;\nc > ;;; [[[ ;")
            Issue.record("broken rules compiled")
        } catch {
            #expect(error.line != nil)
            #expect(error.name.hasPrefix("U_"))
        }
    }

    @Test func unknownTargetsAreErrors() {
        #expect(throws: NameCanonError.self) { _ = try TransliterationTarget.named("klingon") }
    }
}
