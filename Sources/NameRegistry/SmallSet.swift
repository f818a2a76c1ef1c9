/// A set that keeps one element inline and only allocates a `Set` from the second on.
///
/// The registry's index maps each of millions of keys and names to the entities that have it,
/// and almost every key belongs to one entity: a `Set` each cost an allocation and about a
/// hundred bytes per key at open. Iteration order is unspecified, as a `Set`'s is.
struct SmallSet<Element: Hashable>: Sequence, ExpressibleByArrayLiteral {
    private enum Storage {
        case none
        case one(Element)
        case many(Set<Element>)
    }

    private var storage: Storage = .none

    init() {}

    init(arrayLiteral elements: Element...) {
        for element in elements { insert(element) }
    }

    var isEmpty: Bool {
        if case .none = storage { return true }
        return false
    }

    var count: Int {
        switch storage {
        case .none: 0
        case .one: 1
        case .many(let set): set.count
        }
    }

    func contains(_ element: Element) -> Bool {
        switch storage {
        case .none: false
        case .one(let only): only == element
        case .many(let set): set.contains(element)
        }
    }

    /// Adds the element; true when it was not there.
    @discardableResult
    mutating func insert(_ element: Element) -> Bool {
        switch storage {
        case .none:
            storage = .one(element)
            return true
        case .one(let only):
            if only == element { return false }
            storage = .many([only, element])
            return true
        case .many(var set):
            storage = .none  // let `set` be the only reference, so inserting does not copy it
            let inserted = set.insert(element).inserted
            storage = .many(set)
            return inserted
        }
    }

    /// Removes the element if it is there.
    mutating func remove(_ element: Element) {
        switch storage {
        case .none:
            return
        case .one(let only):
            if only == element { storage = .none }
        case .many(var set):
            storage = .none
            set.remove(element)
            storage = set.count == 1 ? .one(set.first!) : .many(set)
        }
    }

    struct Iterator: IteratorProtocol {
        fileprivate var single: Element?
        fileprivate var rest: Set<Element>.Iterator?

        mutating func next() -> Element? {
            if let element = single {
                single = nil
                return element
            }
            return rest?.next()
        }
    }

    func makeIterator() -> Iterator {
        switch storage {
        case .none: Iterator(single: nil, rest: nil)
        case .one(let only): Iterator(single: only, rest: nil)
        case .many(let set): Iterator(single: nil, rest: set.makeIterator())
        }
    }
}
