/// What one layer of a `Sequential` did on a batch: the statistics of its output, of the
/// gradient ∂L/∂output that flowed back into it, and of its parameters and their gradients.
///
/// Part of `NetworkStatistics`; see there for how the batch is run.
public struct LayerStatistics: Sendable, Equatable {
    /// The statistics of one trainable parameter of the layer.
    public struct Parameter: Sendable, Equatable {
        /// The parameter's name within the network (`"0.weight"`).
        public let name: String
        /// σ(θ), the standard deviation of the parameter's elements.
        public let valueStandardDeviation: Double
        /// σ(∂L/∂θ), the standard deviation of the parameter's gradient on the batch.
        public let gradientStandardDeviation: Double

        /// Creates the statistics of one parameter.
        ///
        /// - Parameters:
        ///   - name: The parameter's name.
        ///   - valueStandardDeviation: σ(θ).
        ///   - gradientStandardDeviation: σ(∂L/∂θ).
        public init(name: String, valueStandardDeviation: Double, gradientStandardDeviation: Double) {
            self.name = name
            self.valueStandardDeviation = valueStandardDeviation
            self.gradientStandardDeviation = gradientStandardDeviation
        }

        /// σ(∂L/∂θ) / σ(θ): how large a step of learning rate γ is relative to the parameter
        /// (SGD changes θ by about γ times this ratio per step, relative to its spread).
        public var gradientToValueRatio: Double { gradientStandardDeviation / valueStandardDeviation }
    }

    /// The layer's position in the `Sequential`.
    public let index: Int
    /// The layer's description (`"Linear(64 → 128)"`, `"Tanh"`).
    public let layer: String
    /// The output range of the layer if it is a bounded activation (see `OutputRange`).
    public let outputRange: OutputRange?
    /// The statistics of the layer's output on the batch.
    public let activation: TensorStatistics
    /// The statistics of ∂L/∂output, the gradient that flowed back into the layer; nil when
    /// the statistics were taken without a loss.
    public let gradient: TensorStatistics?
    /// The layer's trainable parameters with their gradients on the batch (empty without a
    /// loss or for a layer without parameters).
    public let parameters: [Parameter]

    /// Creates the statistics of one layer.
    ///
    /// - Parameters:
    ///   - index: The layer's position.
    ///   - layer: The layer's description.
    ///   - outputRange: The layer's output range, if bounded.
    ///   - activation: The statistics of its output.
    ///   - gradient: The statistics of ∂L/∂output, if a loss was given.
    ///   - parameters: Its parameters' statistics.
    public init(
        index: Int, layer: String, outputRange: OutputRange?, activation: TensorStatistics,
        gradient: TensorStatistics?, parameters: [Parameter]
    ) {
        self.index = index
        self.layer = layer
        self.outputRange = outputRange
        self.activation = activation
        self.gradient = gradient
        self.parameters = parameters
    }
}
