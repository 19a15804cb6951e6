import Foundation

/// Checkpoints: a model's weights under PyTorch's `state_dict` names, an optimizer's state,
/// and any `Codable` value (schedules, random generators, counters) in the metadata.
///
/// Names: parameters and state tensors keep the model's names (`"0.weight"`,
/// `"1.running_mean"`), in PyTorch's layouts (a `Linear` weight is `[out, in]`), so the weights
/// load into the equivalent `torch.nn.Sequential`. Optimizer state goes under the reserved
/// prefix `"optimizer.state."` (`"optimizer.state.0.weight.exp_avg"`, `"….step"` as `I64`),
/// which PyTorch's `load_state_dict` never sees if the Python side filters it. Metadata keys
/// starting with `"layerwise."` are Layerwise's own.
extension SafetensorsFile {
    /// The prefix of optimizer-state tensor names.
    public static let optimizerStatePrefix = "optimizer.state."
    /// The metadata key of the model's own random generators (`Dropout` masks).
    static let modelGeneratorsKey = "layerwise.model.random_generators"
    /// The metadata key of the optimizer's learning rate.
    static let learningRateKey = "layerwise.optimizer.learning_rate"
    /// The metadata key of the optimizer's type.
    static let optimizerTypeKey = "layerwise.optimizer.type"

    /// A file holding a model's weights, as `save_file(model.state_dict(), …)` would write them.
    ///
    /// - Parameters:
    ///   - model: The model.
    ///   - dtype: `.float32` or `.float64`; by default the model's own precision.
    public init<Model: Layer>(weightsOf model: Model, dtype: SafetensorsDType? = nil) {
        self.init()
        addWeights(of: model, dtype: dtype)
    }

    /// Adds a model's parameters and state tensors under their names, and the random
    /// generators of its `Dropout` layers in the metadata.
    ///
    /// - Parameters:
    ///   - model: The model.
    ///   - dtype: `.float32` or `.float64`; by default the model's own precision (exact).
    public mutating func addWeights<Model: Layer>(of model: Model, dtype: SafetensorsDType? = nil) {
        for (name, parameter) in model.namedParameters {
            self[name] = SafetensorsTensor(parameter.value, dtype: dtype)
        }
        for (name, value) in model.namedState {
            self[name] = SafetensorsTensor(value, dtype: dtype)
        }
        let generators = namedRandomGenerators(of: model)
        if !generators.isEmpty {
            metadata[Self.modelGeneratorsKey] = Self.json(Dictionary(uniqueKeysWithValues: generators.map { ($0.name, $0.generator) }))
        }
    }

    /// Sets the model's parameters and state from the file, checking everything first.
    ///
    /// Every parameter and state tensor of the model must be in the file, with the model's
    /// shape and a floating-point dtype (`F64`, `F32`, `F16`, `BF16`, converted to `Scalar`),
    /// and every tensor in the file must belong to the model, except optimizer state (the
    /// `"optimizer.state."` prefix) and PyTorch's BatchNorm counters (`"….num_batches_tracked"`
    /// beside a `"….running_mean"`), which are skipped. Dropout generators saved in the metadata
    /// are restored too.
    ///
    /// - Parameter model: The model; unchanged if anything throws.
    /// - Throws: `DataFileError` naming the tensor and the problem.
    public func restoreWeights<Model: Layer>(into model: inout Model) throws(DataFileError) {
        var restored = model
        try assignWeights(to: &restored)
        model = restored
    }

    /// Adds an optimizer's state: per parameter, its step count (`I64`), its non-empty buffers
    /// (in the parameter's shape and the optimizer's precision) and its scalars (`F64`), plus
    /// the learning rate and the optimizer's type in the metadata.
    ///
    /// Hyperparameters other than the learning rate and the per-parameter options
    /// (`excludeFromWeightDecay`, `learningRateMultiplier`) are not saved: the optimizer that
    /// loads the state is created with them.
    ///
    /// - Parameter optimizer: The optimizer.
    public mutating func addState<Rule: Optimizer>(of optimizer: Rule) {
        for entry in optimizer.parameterStates.entries {
            let prefix = Self.optimizerStatePrefix + entry.name + "."
            self[prefix + "step"] = SafetensorsTensor(int64: [entry.step], shape: [])
            for (key, keyPath) in Rule.State.buffers where !entry.state[keyPath: keyPath].isEmpty {
                self[prefix + key] = SafetensorsTensor(Tensor(shape: entry.shape, scalars: entry.state[keyPath: keyPath]))
            }
            for (key, keyPath) in Rule.State.scalars {
                self[prefix + key] = SafetensorsTensor(Tensor<Double>(shape: [], scalars: [entry.state[keyPath: keyPath]]))
            }
        }
        metadata[Self.learningRateKey] = String(optimizer.learningRate)
        metadata[Self.optimizerTypeKey] = Self.typeName(Rule.self)
    }

    /// Restores a model's weights and an optimizer's state together: both or neither.
    ///
    /// The weights are checked as in `restoreWeights(into:)`. The optimizer must be of the
    /// type that was saved (any precision); each saved parameter state must belong to a model
    /// parameter, with a non-negative `I64` step, every buffer the optimizer needs in the
    /// parameter's shape, and its scalars. The optimizer's options (weight-decay exclusion,
    /// learning-rate multipliers) and hyperparameters stay as they are, apart from the learning
    /// rate, which is set to the saved one.
    ///
    /// - Parameters:
    ///   - model: The model; unchanged if anything throws.
    ///   - optimizer: The optimizer; unchanged if anything throws.
    /// - Throws: `DataFileError` naming the tensor or metadata entry and the problem.
    public func restore<Model: Layer, Rule: Optimizer>(
        model: inout Model, optimizer: inout Rule
    ) throws(DataFileError) where Model.Scalar == Rule.Scalar {
        var restoredModel = model
        try assignWeights(to: &restoredModel)
        var states = optimizer.parameterStates
        states.removeAll()
        if let saved = metadata[Self.optimizerTypeKey], saved != Self.typeName(Rule.self) {
            throw failure(.tensor("__metadata__"), "the optimizer state was saved by \(saved), not \(Self.typeName(Rule.self))")
        }
        var learningRate = optimizer.learningRate
        if let text = metadata[Self.learningRateKey] {
            guard let value = Double(text), value.isFinite, value >= 0 else {
                throw failure(.tensor("__metadata__"), "\(Self.learningRateKey) \"\(text)\" is not a non-negative number")
            }
            learningRate = value
        }
        var used = Set<String>()
        for (name, parameter) in restoredModel.namedParameters {
            let prefix = Self.optimizerStatePrefix + name + "."
            guard let stepTensor = self[prefix + "step"] else { continue }
            used.insert(prefix + "step")
            guard stepTensor.shape == [], let step = stepTensor.int64Values()?.first, step >= 0 else {
                throw failure(.tensor(prefix + "step"), "the step count must be one non-negative I64 of shape [], got \(stepTensor.dtype.rawValue) \(stepTensor.shape)")
            }
            var state = optimizer.makeState(for: parameter.value)
            for (key, keyPath) in Rule.State.buffers {
                guard let stored = self[prefix + key] else {
                    if !state[keyPath: keyPath].isEmpty {
                        throw failure(.tensor(prefix + key), "missing: \(Self.typeName(Rule.self)) keeps this buffer for parameter \"\(name)\"")
                    }
                    continue
                }
                used.insert(prefix + key)
                guard stored.shape == parameter.value.shape else {
                    throw failure(.tensor(prefix + key), "shape \(stored.shape) in the file, parameter \"\(name)\" has shape \(parameter.value.shape)")
                }
                state[keyPath: keyPath] = try tensor(named: prefix + key, as: Model.Scalar.self).scalars
            }
            for (key, keyPath) in Rule.State.scalars {
                guard let stored = self[prefix + key] else {
                    throw failure(.tensor(prefix + key), "missing: \(Self.typeName(Rule.self)) keeps this number for parameter \"\(name)\"")
                }
                used.insert(prefix + key)
                guard stored.shape == [], let value = stored.doubleValues()?.first else {
                    throw failure(.tensor(prefix + key), "must be one floating-point number of shape [], got \(stored.dtype.rawValue) \(stored.shape)")
                }
                state[keyPath: keyPath] = value
            }
            states.restore(name: name, shape: parameter.value.shape, step: step, state: state)
        }
        if let unused = names.first(where: { $0.hasPrefix(Self.optimizerStatePrefix) && !used.contains($0) }) {
            throw failure(.tensor(unused), "optimizer state that matches no parameter of the model or no buffer of \(Self.typeName(Rule.self)) (parameters: \(restoredModel.parameterNames.joined(separator: ", ")))")
        }
        model = restoredModel
        optimizer.parameterStates = states
        optimizer.learningRate = learningRate
    }

    /// Stores a `Codable` value (a schedule, a random generator, a counter) as JSON in the
    /// metadata under `key`.
    ///
    /// - Parameters:
    ///   - value: The value.
    ///   - key: The metadata key (not starting with `"layerwise."`).
    public mutating func setValue<Value: Encodable>(_ value: Value, forKey key: String) {
        checkPrecondition(!key.hasPrefix("layerwise."), "SafetensorsFile: metadata keys starting with \"layerwise.\" are reserved")
        metadata[key] = Self.json(value)
    }

    /// Decodes the value stored under `key` by `setValue(_:forKey:)`.
    ///
    /// - Parameters:
    ///   - type: The value's type.
    ///   - key: The metadata key.
    /// - Returns: The value.
    /// - Throws: `DataFileError` when the key is missing or its JSON does not decode as `type`.
    public func value<Value: Decodable>(_ type: Value.Type, forKey key: String) throws(DataFileError) -> Value {
        guard let text = metadata[key] else {
            throw failure(.tensor("__metadata__"), "no metadata entry \"\(key)\"")
        }
        do {
            return try JSONDecoder().decode(type, from: Data(text.utf8))
        } catch {
            throw failure(.tensor("__metadata__"), "metadata entry \"\(key)\" is not a valid \(type): \(error)")
        }
    }

    // MARK: - Implementation

    private func failure(_ location: DataFileLocation, _ reason: String) -> DataFileError {
        DataFileError(source: source, location: location, reason: reason)
    }

    /// The type's name without generic arguments ("Adam" for `Adam<Float>`).
    private static func typeName(_ type: Any.Type) -> String {
        String(String(describing: type).prefix { $0 != "<" })
    }

    /// A value as JSON text (Layerwise's own types always encode).
    private static func json(_ value: some Encodable) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        do {
            return String(decoding: try encoder.encode(value), as: UTF8.self)
        } catch {
            programmerError("SafetensorsFile: cannot encode \(type(of: value)) as JSON: \(error)")
        }
    }

    /// Checks the file against the model, then assigns (used on a copy).
    private func assignWeights<Model: Layer>(to model: inout Model) throws(DataFileError) {
        var values: [String: Tensor<Model.Scalar>] = [:]
        let parameters = model.namedParameters.map { ($0.name, $0.parameter.value.shape) }
        let state = model.namedState.map { ($0.name, $0.value.shape) }
        let expected = parameters + state
        for (name, shape) in expected {
            guard let stored = self[name] else {
                throw failure(.tensor(name), "missing from the file (the model's \(parameters.contains { $0.0 == name } ? "parameter" : "state tensor") of shape \(shape))")
            }
            guard stored.shape == shape else {
                throw failure(.tensor(name), "shape \(stored.shape) in the file, \(shape) in the model")
            }
            values[name] = try tensor(named: name, as: Model.Scalar.self)
        }
        let known = Set(expected.map(\.0))
        for name in names where !known.contains(name) && !name.hasPrefix(Self.optimizerStatePrefix) {
            if name.hasSuffix("num_batches_tracked") {
                let module = name.dropLast("num_batches_tracked".count)
                if known.contains(module + "running_mean") { continue }
            }
            throw failure(.tensor(name), "the model has no parameter or state tensor of this name (it has: \(expected.map(\.0).joined(separator: ", ")))")
        }
        var generators: [String: RandomGenerator] = [:]
        if let text = metadata[Self.modelGeneratorsKey] {
            do {
                generators = try JSONDecoder().decode([String: RandomGenerator].self, from: Data(text.utf8))
            } catch {
                throw failure(.tensor("__metadata__"), "\(Self.modelGeneratorsKey) is not a valid set of random generators: \(error)")
            }
            let modelGenerators = Set(namedRandomGenerators(of: model).map(\.name))
            if let unknown = generators.keys.sorted().first(where: { !modelGenerators.contains($0) }) {
                throw failure(.tensor("__metadata__"), "random generator \"\(unknown)\" belongs to no layer of the model")
            }
        }
        model.visitNamedParameters { name, parameter in
            parameter.value = values[name]!
        }
        model.visitNamedState { name, value in value = values[name]! }
        forEachRandomGenerator(in: &model) { name, generator in
            if let saved = generators[name] { generator = saved }
        }
    }
}
