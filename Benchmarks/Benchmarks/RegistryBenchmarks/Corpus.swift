import Foundation
import NameCanon
import NameRegistry

/// The generated registry content: deterministic, so every process (and every machine) derives the
/// same people, the same known mentions and the same unknown ones without reading the file.
///
/// People are 70% Chinese (a pinyin name, half of them with their name in simplified Han
/// characters as an alias) and 30% Vietnamese (surname, middle name, one or two given syllables,
/// with diacritics). Names are unique by construction (and by a check on the Latin text), so a
/// known mention has exactly one entity to find.
struct Person {
    var latin: String
    var han: String?
    var vietnamese: Bool
    /// Names this person has in the registry.
    var nameCount: Int { han == nil ? 1 : 2 }
}

/// SplitMix64: small, fast and the same everywhere.
struct SplitMix: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    mutating func below(_ n: Int) -> Int { Int(next() % UInt64(n)) }
}

enum Tables {
    /// Common surnames with one reading each.
    static let surnames: [(String, String)] = [
        ("Wang", "王"), ("Li", "李"), ("Zhang", "张"), ("Liu", "刘"), ("Chen", "陈"), ("Yang", "杨"), ("Huang", "黄"),
        ("Zhao", "赵"), ("Wu", "吴"), ("Zhou", "周"), ("Xu", "徐"), ("Sun", "孙"), ("Ma", "马"), ("Zhu", "朱"),
        ("Hu", "胡"), ("Guo", "郭"), ("He", "何"), ("Gao", "高"), ("Lin", "林"), ("Luo", "罗"), ("Zheng", "郑"),
        ("Liang", "梁"), ("Xie", "谢"), ("Song", "宋"), ("Tang", "唐"), ("Han", "韩"), ("Feng", "冯"), ("Deng", "邓"),
        ("Cao", "曹"), ("Peng", "彭"), ("Xiao", "肖"), ("Tian", "田"), ("Dong", "董"), ("Pan", "潘"), ("Yuan", "袁"),
        ("Cai", "蔡"), ("Jiang", "蒋"), ("Yu", "余"), ("Du", "杜"), ("Ye", "叶"), ("Cheng", "程"), ("Wei", "魏"),
        ("Su", "苏"), ("Ding", "丁"), ("Ren", "任"), ("Shen", "沈"), ("Yao", "姚"), ("Lu", "卢"), ("Fu", "傅"),
        ("Zhong", "钟"), ("Cui", "崔"), ("Tan", "谭"), ("Fan", "范"), ("Jin", "金"), ("Shi", "石"), ("Liao", "廖"),
        ("Jia", "贾"), ("Xia", "夏"), ("Fang", "方"), ("Bai", "白"), ("Zou", "邹"), ("Meng", "孟"), ("Qin", "秦"),
        ("Qiu", "邱"), ("Hou", "侯"), ("Xiong", "熊"), ("Hao", "郝"), ("Kong", "孔"), ("Shao", "邵"), ("Mao", "毛"),
    ]

    /// Given-name syllables, each with one character of one reading; no syllable starts with a
    /// vowel, so two syllables written together split one way only.
    static let given: [(String, String)] = [
        ("jian", "建"), ("guo", "国"), ("hua", "华"), ("ming", "明"), ("wei", "伟"), ("qiang", "强"), ("jun", "军"),
        ("ping", "平"), ("hong", "红"), ("xia", "霞"), ("li", "丽"), ("na", "娜"), ("jing", "静"), ("min", "敏"),
        ("yan", "燕"), ("fang", "芳"), ("xiu", "秀"), ("lan", "兰"), ("ying", "英"), ("hui", "慧"), ("zhi", "志"),
        ("yong", "勇"), ("bin", "斌"), ("tao", "涛"), ("hai", "海"), ("bo", "波"), ("lei", "磊"), ("chao", "超"),
        ("gang", "刚"), ("peng", "鹏"), ("hao", "浩"), ("yu", "宇"), ("xuan", "轩"), ("chen", "晨"), ("rui", "瑞"),
        ("jie", "杰"), ("kai", "凯"), ("long", "龙"), ("tian", "天"), ("xiang", "翔"), ("feng", "峰"), ("lin", "琳"),
        ("xin", "欣"), ("yue", "悦"), ("ting", "婷"), ("qian", "倩"), ("xue", "雪"), ("mei", "梅"), ("zhen", "珍"),
        ("juan", "娟"), ("qing", "清"), ("song", "松"), ("shan", "山"), ("he", "荷"), ("de", "德"), ("fu", "福"),
        ("cai", "才"), ("liang", "亮"), ("bao", "宝"), ("sheng", "生"), ("dong", "东"), ("nan", "南"), ("xi", "希"),
        ("shu", "淑"), ("lu", "璐"), ("wen", "文"), ("wu", "武"), ("yi", "毅"), ("zhong", "忠"), ("cheng", "成"),
        ("kun", "坤"), ("ze", "泽"), ("hang", "航"), ("yang", "阳"), ("xu", "旭"), ("meng", "梦"), ("jia", "佳"),
        ("qi", "琪"), ("si", "思"), ("yao", "瑶"), ("yun", "云"), ("ling", "玲"), ("rong", "荣"), ("zhao", "昭"),
        ("zi", "子"), ("jin", "锦"), ("shuang", "双"), ("tong", "彤"), ("xian", "贤"), ("kang", "康"), ("da", "达"),
        ("pei", "培"), ("qiu", "秋"), ("ru", "如"), ("sen", "森"), ("shi", "诗"), ("teng", "腾"), ("xing", "星"),
        ("zhu", "竹"), ("mu", "沐"), ("nuo", "诺"), ("ke", "可"), ("ji", "吉"), ("ning", "宁"), ("guang", "光"),
        ("gui", "贵"), ("sui", "穗"), ("tai", "泰"), ("wan", "婉"), ("xiao", "晓"), ("huan", "欢"), ("heng", "恒"),
        ("hu", "虎"), ("lian", "莲"), ("luo", "洛"), ("miao", "淼"), ("pu", "普"), ("quan", "全"), ("ren", "仁"),
        ("sha", "莎"), ("shou", "寿"), ("shun", "顺"), ("su", "素"), ("tie", "铁"), ("wang", "旺"), ("xun", "迅"),
        ("yin", "银"), ("zeng", "增"), ("zhan", "展"), ("zhe", "哲"), ("zhuo", "卓"), ("chun", "春"), ("cong", "聪"),
        ("dan", "丹"), ("di", "迪"), ("fei", "飞"), ("gen", "根"), ("han", "涵"), ("jiao", "娇"), ("ju", "菊"),
        ("kui", "奎"), ("lang", "朗"), ("man", "曼"), ("mo", "墨"), ("pin", "品"), ("qin", "琴"), ("shao", "韶"),
        ("bing", "冰"), ("chang", "畅"), ("chuan", "川"), ("biao", "彪"),
    ]

    static let viSurnames = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ",
                             "Hồ", "Ngô", "Dương", "Lý"]
    static let viMiddle = ["Văn", "Thị", "Hữu", "Đức", "Minh", "Quang", "Thanh", "Ngọc", "Xuân", "Công", "Đình", "Anh",
                           "Kim", "Thu", "Hồng", "Bảo", "Gia", "Khánh", "Quốc", "Trọng"]
    /// Given syllables whose ASCII forms all differ.
    static let viGiven = ["An", "Bình", "Châu", "Cường", "Dũng", "Duy", "Giang", "Hà", "Hải", "Hạnh", "Hiếu", "Hòa",
                          "Hùng", "Huy", "Hương", "Khoa", "Khôi", "Lâm", "Linh", "Loan", "Long", "Mai", "Nam", "Nga",
                          "Nghĩa", "Nhung", "Phong", "Phúc", "Phương", "Quân", "Quyên", "Sơn", "Tâm", "Thảo", "Thắng",
                          "Thành", "Thủy", "Tiến", "Trang", "Trí", "Trinh", "Trung", "Tú", "Tuấn", "Tùng", "Uyên",
                          "Vân", "Việt", "Vinh", "Yến", "Đạt", "Điệp", "Hiền", "Kiên", "Lộc", "Ngân", "Nhân", "Oanh",
                          "Quý", "Tín"]
}

/// The people of a registry of `names` names, then `extra` more who are not in it.
struct Corpus {
    let names: Int
    /// `people[..<registered]` are in the registry; the rest are not.
    let people: [Person]
    let registered: Int

    init(names: Int, extra: Int) {
        self.names = names
        var rng = SplitMix(state: 20_250_905)
        var seen = Set<String>()
        var people: [Person] = []
        var total = 0
        var registered = -1
        while registered < 0 || people.count < registered + extra {
            if registered < 0, total >= names { registered = people.count; continue }
            let person: Person
            if rng.below(10) < 7 {
                let (sLatin, sHan) = Tables.surnames[rng.below(Tables.surnames.count)]
                let first = Tables.given[rng.below(Tables.given.count)]
                let second = rng.below(4) == 0 ? nil : Tables.given[rng.below(Tables.given.count)]
                let givenLatin = first.0 + (second?.0 ?? "")
                let latin = sLatin + " " + givenLatin.prefix(1).uppercased() + givenLatin.dropFirst()
                let withHan = rng.below(2) == 0
                person = Person(latin: latin, han: withHan ? sHan + first.1 + (second?.1 ?? "") : nil, vietnamese: false)
            } else {
                var parts = [Tables.viSurnames[rng.below(Tables.viSurnames.count)], Tables.viMiddle[rng.below(Tables.viMiddle.count)],
                             Tables.viGiven[rng.below(Tables.viGiven.count)]]
                if rng.below(3) == 0 { parts.insert(Tables.viGiven[rng.below(Tables.viGiven.count)], at: 2) }
                person = Person(latin: parts.joined(separator: " "), han: nil, vietnamese: true)
            }
            guard seen.insert(person.latin).inserted else { continue }
            people.append(person)
            if registered < 0 { total += person.nameCount }
        }
        self.people = people
        self.registered = registered
    }

    /// A stable registry ID for person `i`: a bijection of `i` over 48 bits, in the registry's alphabet.
    static func id(_ i: Int) -> String {
        var x = UInt64(i) & 0xFFFF_FFFF_FFFF
        x = (x &* 0x5DEE_CE66_D) & 0xFFFF_FFFF_FFFF
        x ^= x >> 21
        x = (x &* 0x2545_F491_4F6D) & 0xFFFF_FFFF_FFFF
        let alphabet = Array("0123456789abcdefghjkmnpqrstvwxyz")
        var chars = [Character](repeating: "0", count: 10)
        for k in (0..<10).reversed() {
            chars[k] = alphabet[Int(x & 31)]
            x >>= 5
        }
        return "p" + String(chars)
    }

    /// Person `i` as one line of `registry export`.
    func exportLine(_ i: Int) -> String {
        let p = people[i]
        let lang = p.vietnamese ? "vi" : "zh"
        var names = [#"{"kind":"primary","lang":"\#(lang)","script":"Latn","source":"bench","text":"\#(p.latin)"}"#]
        if let han = p.han { names.append(#"{"kind":"alias","lang":"zh","script":"Hani","source":"bench","text":"\#(han)"}"#) }
        return #"{"display":"\#(p.latin)","id":"\#(Self.id(i))","names":[\#(names.joined(separator: ","))]}"#
    }

    /// The mention forms a caller sends for a known person: as registered, the surname in capitals
    /// (as some newspapers write it), all lower case, the Han form when there is one, and for
    /// Vietnamese names the form without diacritics.
    func knownForms(_ i: Int) -> [String] {
        let p = people[i]
        let tokens = p.latin.split(separator: " ")
        var forms = [p.latin, ([tokens[0].uppercased()] + tokens.dropFirst().map(String.init)).joined(separator: " "), p.latin.lowercased()]
        if let han = p.han { forms.append(han) }
        if p.vietnamese {
            let ascii = p.latin.replacingOccurrences(of: "Đ", with: "D").replacingOccurrences(of: "đ", with: "d")
                .applyingTransform(.stripDiacritics, reverse: false) ?? p.latin
            forms.append(ascii)
        }
        return forms
    }

    /// `count` mentions of known people, each a random form of a random registered person.
    func knownMentions(_ count: Int, seed: UInt64) -> [String] {
        var rng = SplitMix(state: seed)
        return (0..<count).map { _ in
            let forms = knownForms(rng.below(registered))
            return forms[rng.below(forms.count)]
        }
    }

    /// Mentions of people not in the registry, from `range` of the people after it: the Latin form,
    /// or the Han form for those who have one.
    func unknownMentions(_ range: Range<Int>) -> [String] {
        range.map { k in
            let p = people[registered + k]
            return p.han.map { k % 2 == 0 ? $0 : p.latin } ?? p.latin
        }
    }
}

enum RegistryFile {
    /// Names in the benchmark registry: NAMECANON_BENCH_NAMES, 1,000,000 by default.
    static let names: Int = {
        let raw = ProcessInfo.processInfo.environment["NAMECANON_BENCH_NAMES"]?.replacingOccurrences(of: "_", with: "")
        return raw.flatMap(Int.init).map { max($0, 1_000) } ?? 1_000_000
    }()

    /// People beyond the registry: unknown mentions, then names to create.
    static let extra = 200_000

    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("corpus")

    static var path: String { directory.appendingPathComponent("registry-\(names).sqlite").path }
    /// Written once the import has committed and the store is closed: a file without it is rebuilt.
    static var donePath: String { path + ".done" }

    static func log(_ message: String) {
        FileHandle.standardError.write(Data("[registry bench] \(message)\n".utf8))
    }

    /// A copy of the registry file with its index stored in it (`Registry.storeIndexImage`).
    static var imagePath: String { directory.appendingPathComponent("registry-\(names)-image.sqlite").path }

    /// Makes the copy with a stored index unless a complete one is there.
    static func ensureImageCopy() throws {
        let fm = FileManager.default
        if fm.fileExists(atPath: imagePath + ".done"), fm.fileExists(atPath: imagePath) { return }
        for suffix in ["", "-wal", "-shm", ".done"] { try? fm.removeItem(atPath: imagePath + suffix) }
        try fm.copyItem(atPath: path, toPath: imagePath)
        func store() throws {
            let registry = try Registry(store: try SQLiteStore(path: imagePath))
            let stored = try registry.storeIndexImage()
            log("stored the index in \(imagePath): \(stored?.bytes ?? 0) bytes at change \(stored?.sequence ?? 0)")
        }
        try store()
        try Data("image\n".utf8).write(to: URL(fileURLWithPath: imagePath + ".done"))
    }

    /// Builds the registry file unless a complete one is there: the generated people as export
    /// lines, imported in one transaction.
    static func ensure(_ make: () -> Corpus) throws {
        let fm = FileManager.default
        if fm.fileExists(atPath: donePath), fm.fileExists(atPath: path) { return }
        try fm.createDirectory(at: directory, withIntermediateDirectories: true)
        let corpus = make()
        for suffix in ["", "-wal", "-shm", ".done"] { try? fm.removeItem(atPath: path + suffix) }
        log("building \(path): \(corpus.registered) people, \(corpus.names) names (once; reused afterwards)")
        let start = ContinuousClock.now
        // In its own scope, so the store is closed (and the WAL checkpointed) before the marker.
        func importAll() throws {
            let registry = try Registry(store: try SQLiteStore(path: path))
            let summary = try registry.importLines((0..<corpus.registered).lazy.map(corpus.exportLine))
            log("imported \(summary.entitiesCreated) entities, \(summary.namesAdded) names in \(ContinuousClock.now - start)")
        }
        try importAll()
        try Data("\(corpus.registered) people, \(corpus.names) names\n".utf8).write(to: URL(fileURLWithPath: donePath))
    }
}

#if canImport(Glibc)
import Glibc
#endif

enum Memory {
    /// Resident set size of this process, in bytes (Linux: /proc/self/statm).
    static func resident() -> Int {
        guard let text = try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8) else { return 0 }
        let fields = text.split(separator: " ")
        guard fields.count > 1, let pages = Int(fields[1]) else { return 0 }
        return pages * Int(sysconf(Int32(_SC_PAGESIZE)))
    }

    /// Hands freed heap pages back to the system, so resident memory counts what is live.
    static func trim() {
        #if canImport(Glibc)
        // glibc's malloc_trim, which the Glibc module does not export.
        typealias Trim = @convention(c) (Int) -> Int32
        if let symbol = dlsym(nil, "malloc_trim") { _ = unsafeBitCast(symbol, to: Trim.self)(0) }
        #endif
    }
}
