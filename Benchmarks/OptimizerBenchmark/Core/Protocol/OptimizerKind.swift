import Layerwise

/// The optimizers compared, each at PyTorch's defaults apart from the learning rate.
///
/// `sgd-momentum` is the one addition: PyTorch's `SGD` with momentum 0.9 (its default is 0),
/// the setting most training scripts use.
public enum OptimizerKind: String, Sendable, CaseIterable, Comparable {
    /// `SGD`, plain gradient descent (momentum 0).
    case sgd
    /// `SGD` with momentum 0.9.
    case sgdMomentum = "sgd-momentum"
    /// `Adagrad`.
    case adagrad
    /// `RMSprop`.
    case rmsprop
    /// `Adadelta`.
    case adadelta
    /// `Adam`.
    case adam
    /// `AdamW` (weight decay 0.01).
    case adamw
    /// `Adamax`.
    case adamax
    /// `NAdam`.
    case nadam
    /// `RAdam`.
    case radam

    /// The name in tables and legends ("Adam", "SGD + momentum").
    public var displayName: String {
        switch self {
        case .sgd: "SGD"
        case .sgdMomentum: "SGD + momentum"
        case .adagrad: "Adagrad"
        case .rmsprop: "RMSprop"
        case .adadelta: "Adadelta"
        case .adam: "Adam"
        case .adamw: "AdamW"
        case .adamax: "Adamax"
        case .nadam: "NAdam"
        case .radam: "RAdam"
        }
    }

    /// PyTorch's default learning rate: the centre of the learning-rate grid.
    public var defaultLearningRate: Double {
        switch self {
        case .sgd, .sgdMomentum, .adam, .adamw, .radam: 1e-3
        case .adagrad, .rmsprop: 1e-2
        case .adadelta: 1.0
        case .adamax, .nadam: 2e-3
        }
    }

    /// The hyperparameters other than the learning rate, as PyTorch names them.
    public var settings: String {
        switch self {
        case .sgd: "momentum=0"
        case .sgdMomentum: "momentum=0.9"
        case .adagrad: "lr_decay=0, eps=1e-10"
        case .rmsprop: "alpha=0.99, eps=1e-8"
        case .adadelta: "rho=0.9, eps=1e-6"
        case .adam, .radam: "betas=(0.9, 0.999), eps=1e-8"
        case .adamw: "betas=(0.9, 0.999), eps=1e-8, weight_decay=0.01"
        case .adamax: "betas=(0.9, 0.999), eps=1e-8"
        case .nadam: "betas=(0.9, 0.999), eps=1e-8, momentum_decay=4e-3"
        }
    }

    /// A fresh optimizer (no state) with this learning rate and PyTorch's other defaults.
    ///
    /// - Parameter learningRate: The learning rate.
    /// - Returns: The optimizer.
    public func make<Scalar: TensorScalar>(learningRate: Double) -> any Optimizer<Scalar> {
        switch self {
        case .sgd: SGD<Scalar>(learningRate: learningRate)
        case .sgdMomentum: SGD<Scalar>(learningRate: learningRate, momentum: 0.9)
        case .adagrad: Adagrad<Scalar>(learningRate: learningRate)
        case .rmsprop: RMSprop<Scalar>(learningRate: learningRate)
        case .adadelta: Adadelta<Scalar>(learningRate: learningRate)
        case .adam: Adam<Scalar>(learningRate: learningRate)
        case .adamw: AdamW<Scalar>(learningRate: learningRate)
        case .adamax: Adamax<Scalar>(learningRate: learningRate)
        case .nadam: NAdam<Scalar>(learningRate: learningRate)
        case .radam: RAdam<Scalar>(learningRate: learningRate)
        }
    }

    /// The order of `allCases`.
    public static func < (lhs: OptimizerKind, rhs: OptimizerKind) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}
