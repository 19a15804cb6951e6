/// Colours for charts.
public enum Palette {
    /// Ten distinguishable colours (Tableau 10, the default cycle of matplotlib).
    public static let categorical = [
        "#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd",
        "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf",
    ]

    /// The categorical colour for series `index`, cycling after ten.
    ///
    /// - Parameter index: The series number, from 0.
    /// - Returns: A hex colour.
    public static func color(_ index: Int) -> String {
        categorical[((index % categorical.count) + categorical.count) % categorical.count]
    }

    /// A colour from a light-to-dark blue ramp for contour levels.
    ///
    /// - Parameter fraction: 0 for the lowest level (dark) to 1 for the highest (light).
    /// - Returns: A hex colour between #08306b and #c6dbef.
    public static func contour(_ fraction: Double) -> String {
        let t = max(0, min(1, fraction))
        let dark = (8.0, 48.0, 107.0)
        let light = (198.0, 219.0, 239.0)
        func channel(_ a: Double, _ b: Double) -> String {
            let value = Int((a + (b - a) * t).rounded())
            let digits = Array("0123456789abcdef")
            return String([digits[value / 16], digits[value % 16]])
        }
        return "#" + channel(dark.0, light.0) + channel(dark.1, light.1) + channel(dark.2, light.2)
    }
}
