import Layerwise
import Testing

@Suite struct TensorTests {
    @Test func rowMajorIndexing() {
        let tensor = Tensor<Float>(shape: [2, 3], scalars: [1, 2, 3, 4, 5, 6])
        #expect(tensor[0, 2] == 3)
        #expect(tensor[1, 0] == 4)
        #expect(tensor.flatIndex([1, 2]) == 5)
        #expect(tensor.rank == 2 && tensor.count == 6)
    }

    @Test func reshapeInfersOneExtent() {
        let tensor = Tensor<Double>(shape: [2, 6], scalars: (0..<12).map(Double.init))
        let reshaped = tensor.reshaped(to: [3, -1])
        #expect(reshaped.shape == [3, 4])
        #expect(reshaped.scalars == tensor.scalars)
    }

    @Test func valueSemantics() {
        let original = Tensor<Float>(repeating: 1, shape: [3])
        var copy = original
        copy[1] = 5
        #expect(original.scalars == [1, 1, 1])
        #expect(copy.scalars == [1, 5, 1])
    }

    @Test func elementwiseArithmetic() {
        let a = Tensor<Double>([1, 2, 3])
        let b = Tensor<Double>([4, 5, 6])
        #expect((a + b).scalars == [5, 7, 9])
        #expect((b - a).scalars == [3, 3, 3])
        #expect((a * b).scalars == [4, 10, 18])
        #expect((a * 2).scalars == [2, 4, 6])
        #expect((-a).scalars == [-1, -2, -3])
        #expect(a.sum() == 6)
    }

    @Test func transposeSwapsIndices() {
        let tensor = Tensor<Float>(rows: [[1, 2, 3], [4, 5, 6]])
        let transposed = tensor.transposed()
        #expect(transposed.shape == [3, 2])
        #expect(transposed == Tensor(rows: [[1, 4], [2, 5], [3, 6]]))
    }

    @Test func convertsBetweenScalarTypes() {
        let double = Tensor<Double>(shape: [2], scalars: [0.5, -1.25])
        #expect(Tensor<Float>(double).scalars == [0.5, -1.25])
    }

    @Test func mismatchedShapesStop() async {
        await #expect(processExitsWith: .failure) {
            _ = Tensor<Float>(zeros: [2, 3]) + Tensor<Float>(zeros: [3, 2])
        }
    }
}
