/// An optimizer's memory of every parameter it has updated, keyed by parameter name and checked
/// by shape, together with the per-parameter options (weight-decay exclusion, learning-rate
/// multiplier).
///
/// Each entry holds the parameter's name, the shape it had when its state was created, its step
/// count and the optimizer's `State` (moments, accumulators). `Optimizer.step(_:)` resolves the
/// model's parameter names to entries once, when the names (or the options) change; the steps
/// after that only compare the cached name list (the same array for a `Sequential`), check each
/// parameter's shape against its entry and run the update rule, so a steady-state step builds no
/// strings and touches no dictionary.
///
/// A parameter whose shape differs from the shape its state was created for is a programmer
/// error (the model changed under the optimizer) and stops the program with a message naming the
/// parameter and both shapes; `removeAll()` (or `Optimizer.resetState()`) starts afresh.
public struct ParameterStates<State: OptimizerState>: Sendable {
    /// The scalar type of the parameters and buffers.
    public typealias Scalar = State.Scalar

    /// What the optimizer keeps for one parameter.
    public struct Entry: Sendable {
        /// The parameter's name (PyTorch's `state_dict` key, e.g. `"0.weight"`).
        public let name: String
        /// The parameter's shape when the state was created.
        public let shape: [Int]
        /// The number of updates applied to this parameter (PyTorch's `state["step"]`).
        public internal(set) var step: Int
        /// The optimizer's buffers for this parameter.
        public internal(set) var state: State
        /// The factor applied to the optimizer's learning rate for this parameter.
        public internal(set) var learningRateMultiplier: Double
        /// Whether the optimizer's weight decay applies to this parameter.
        public internal(set) var appliesWeightDecay: Bool
    }

    /// The entries, in the order the parameters were first seen.
    public private(set) var entries: [Entry] = []

    /// Parameters whose name satisfies this predicate get no weight decay (typically biases and
    /// normalization parameters). Evaluated once per name, when the names are resolved.
    public var excludeFromWeightDecay: @Sendable (String) -> Bool = excludeNothing {
        didSet { needsResolution = true }
    }

    /// The factor by which the learning rate is multiplied for the parameter with this name
    /// (1 for all by default). Evaluated once per name, when the names are resolved.
    public var learningRateMultiplier: @Sendable (String) -> Double = unitMultiplier {
        didSet { needsResolution = true }
    }

    /// The entry index of each name.
    private var entryIndexByName: [String: Int] = [:]
    /// The model's parameter names at the last resolution.
    private var resolvedNames: [String] = []
    /// For each of the model's parameters, in visiting order, its entry index (−1: not created).
    private var slots: [Int] = []
    /// Set when the options or the entries changed since the last resolution.
    private var needsResolution = false

    /// An empty table with no options.
    public init() {}

    /// The number of parameters with state.
    public var count: Int { entries.count }

    /// The entry of the parameter `name`, if it has been updated (or restored).
    public subscript(name: String) -> Entry? {
        entryIndexByName[name].map { entries[$0] }
    }

    /// The state tensors of the parameter `name` under PyTorch's keys: every non-empty buffer
    /// with the parameter's shape, and every scalar as a tensor of shape `[]`. The step count is
    /// `self[name]?.step`.
    ///
    /// - Returns: An empty array if the parameter has no state.
    public func tensors(ofParameter name: String) -> [(name: String, value: Tensor<Scalar>)] {
        guard let entry = self[name] else { return [] }
        var result: [(name: String, value: Tensor<Scalar>)] = []
        for (key, keyPath) in State.buffers where !entry.state[keyPath: keyPath].isEmpty {
            result.append((key, Tensor(shape: entry.shape, scalars: entry.state[keyPath: keyPath])))
        }
        for (key, keyPath) in State.scalars {
            result.append((key, Tensor(shape: [], scalars: [Scalar(entry.state[keyPath: keyPath])])))
        }
        return result
    }

    /// Sets the state of the parameter `name`, replacing any it had (as a checkpoint loader
    /// does). The next step continues from it.
    ///
    /// - Parameters:
    ///   - name: The parameter's name.
    ///   - shape: The parameter's shape.
    ///   - step: The number of updates already applied.
    ///   - state: The buffers; each is empty or holds one element per element of `shape`.
    /// - Precondition: `step ≥ 0` and the buffer sizes fit `shape`.
    public mutating func restore(name: String, shape: [Int], step: Int, state: State) {
        let count = shape.reduce(1, *)
        checkPrecondition(step >= 0, "optimizer state for \"\(name)\": step \(step) is negative")
        for (key, keyPath) in State.buffers {
            let size = state[keyPath: keyPath].count
            checkPrecondition(
                size == 0 || size == count,
                "optimizer state for \"\(name)\": buffer \"\(key)\" has \(size) elements, shape \(shape) needs \(count)")
        }
        let entry = Entry(
            name: name, shape: shape, step: step, state: state,
            learningRateMultiplier: learningRateMultiplier(name),
            appliesWeightDecay: !excludeFromWeightDecay(name))
        if let index = entryIndexByName[name] {
            entries[index] = entry
        } else {
            entryIndexByName[name] = entries.count
            entries.append(entry)
        }
        needsResolution = true
    }

    /// Forgets every parameter's state, keeping the options.
    public mutating func removeAll() {
        entries = []
        entryIndexByName = [:]
        resolvedNames = []
        slots = []
        needsResolution = false
    }

    /// Applies `optimizer`'s update rule to every parameter of `model`, in visiting order.
    ///
    /// Creates the state of parameters seen for the first time; stops with a message if a
    /// parameter's shape differs from its state's, or if the model visits a different number of
    /// parameters than it names.
    mutating func apply<Rule: Optimizer, Model: Layer>(_ optimizer: Rule, to model: inout Model)
    where Rule.State == State, Model.Scalar == Scalar {
        let names = model.parameterNames
        if needsResolution || names != resolvedNames {
            resolve(names)
        }
        let slotCount = slots.count
        var position = 0
        model.visitParameters { parameter in
            checkPrecondition(
                position < slotCount,
                "\(Model.self) visits more parameters than the \(slotCount) it names: \(names)")
            var index = slots[position]
            if index < 0 {
                index = makeEntry(name: names[position], for: parameter.value, optimizer: optimizer)
                slots[position] = index
            }
            checkPrecondition(
                entries[index].shape == parameter.value.shape,
                "\(Rule.self): parameter \"\(names[position])\" has shape \(parameter.value.shape), but its optimizer state was created for shape \(entries[index].shape); the model changed under the optimizer (create a new optimizer or call resetState())")
            checkPrecondition(
                parameter.gradient.shape == parameter.value.shape,
                "\(Rule.self): parameter \"\(names[position])\" has shape \(parameter.value.shape) but its gradient has shape \(parameter.gradient.shape)")
            entries[index].step += 1
            let step = entries[index].step
            let learningRate = optimizer.learningRate * entries[index].learningRateMultiplier
            let weightDecay = entries[index].appliesWeightDecay ? optimizer.weightDecay : 0
            let gradient = parameter.gradient.scalars
            optimizer.update(
                &parameter.value.scalars, gradient: gradient, state: &entries[index].state,
                step: step, learningRate: learningRate, weightDecay: weightDecay)
            position += 1
        }
        checkPrecondition(
            position == slotCount, "\(Model.self) visits \(position) parameters but names \(slotCount): \(names)")
    }

    /// Maps the model's names to entries and re-evaluates the options for every entry.
    private mutating func resolve(_ names: [String]) {
        var seen = Set<String>()
        for name in names {
            checkPrecondition(seen.insert(name).inserted, "the model names two parameters \"\(name)\": \(names)")
        }
        for index in entries.indices {
            entries[index].learningRateMultiplier = learningRateMultiplier(entries[index].name)
            entries[index].appliesWeightDecay = !excludeFromWeightDecay(entries[index].name)
        }
        resolvedNames = names
        slots = names.map { entryIndexByName[$0] ?? -1 }
        needsResolution = false
    }

    /// Creates the entry of a parameter seen for the first time and returns its index.
    private mutating func makeEntry<Rule: Optimizer>(
        name: String, for value: Tensor<Scalar>, optimizer: Rule
    ) -> Int where Rule.State == State {
        entryIndexByName[name] = entries.count
        entries.append(
            Entry(
                name: name, shape: value.shape, step: 0, state: optimizer.makeState(for: value),
                learningRateMultiplier: learningRateMultiplier(name),
                appliesWeightDecay: !excludeFromWeightDecay(name)))
        return entries.count - 1
    }
}

// The default options are global functions, not closures formed in the generic type: those
// would capture the type's generic context and allocate each time an empty table is made (once
// per step, see `Optimizer.step(_:)`).

/// No parameter is excluded from weight decay.
@Sendable private func excludeNothing(_ name: String) -> Bool { false }

/// Every parameter trains at the optimizer's learning rate.
@Sendable private func unitMultiplier(_ name: String) -> Double { 1 }
