import Foundation

/// One certificate an exam plan (考试计划) covers, with the plan's windows and pass rule for it.
/// A plan is the set of these rows sharing a plan code; plans are public, so every school may
/// register under any plan.
public struct ExamPlan: Sendable, Equatable {
    /// `K202005220994`.
    public var code: String
    public var name: String
    public var certificate: String
    /// The windows the plan sets; the registration window is always there.
    public var windows: [PlanWindow: TimeWindow]
    public var passRule: PassRule

    public init(
        code: String, name: String, certificate: String, windows: [PlanWindow: TimeWindow],
        passRule: PassRule
    ) {
        self.code = code
        self.name = name
        self.certificate = certificate
        self.windows = windows
        self.passRule = passRule
    }

    /// Nil when `now` is inside `window`; otherwise why a school's file is refused, naming the
    /// window, its dates and the time now. A window the plan has not set is closed.
    public func refusal(outside window: PlanWindow, now: Date) -> CheckFailure? {
        guard let span = windows[window] else {
            return CheckFailure(
                .windowClosed,
                "考试计划 \(code)（\(name)）没有为证书 \(certificate) 设置\(window.chineseName)时间，现在不能办理\(window.chineseName)；整个文件未做任何处理"
            )
        }
        if span.contains(now) { return nil }
        return CheckFailure(
            .windowClosed,
            "不在\(window.chineseName)时间内：考试计划 \(code)（\(name)）证书 \(certificate) 的\(window.chineseName)时间为 \(span.text)（\(span.timeZone.identifier)），现在是 \(TimeWindow.text(span.local(now)))；整个文件未做任何处理"
        )
    }
}
