/// Values left for the system to reclaim when the process exits. A one-shot
/// build of 10,000 pages holds a few hundred thousand objects; releasing them
/// one by one takes longer than a tenth of a second, just before `exit` would
/// hand all the memory back at once. Compilers skip that work the same way.
enum ProcessLifetime {
    static func keep(_ value: Any) {
        _ = Unmanaged.passRetained(Box(value))
    }

    private final class Box {
        let value: Any
        init(_ value: Any) { self.value = value }
    }
}
