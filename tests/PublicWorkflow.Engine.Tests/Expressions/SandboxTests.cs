using PublicWorkflow.Engine.Expressions;
using PublicWorkflow.Engine.Tests.Support;

namespace PublicWorkflow.Engine.Tests.Expressions;

public sealed class SandboxTests
{
    private static ConditionResult Eval(string expression, object? variables = null)
    {
        Assert.That(CompiledExpression.TryCompile(expression, out var compiled, out var error), Is.True, () => error);
        return ExpressionSandbox.EvaluateCondition(compiled!, CaseDriver.Vars(variables ?? new { }) ?? new Dictionary<string, System.Text.Json.JsonElement>(), CaseDriver.OrdinaryMorning);
    }

    [Test]
    public void Conditions_see_case_variables_as_plain_json_values()
    {
        var result = Eval("applicant.age >= 18 && documents.length === 2 && vars['fee-paid'] === true",
            new Dictionary<string, object> { ["applicant"] = new { age = 30 }, ["documents"] = new[] { "form", "id" }, ["fee-paid"] = true });
        Assert.That(result, Is.EqualTo(new ConditionResult(true, null)));
    }

    [TestCase("System.IO.File.Exists('/etc/passwd')")]
    [TestCase("importNamespace('System.IO').File.Exists('/etc/passwd')")]
    [TestCase("typeof clrHelper.getType === 'function'")]
    public void There_is_no_access_to_the_CLR(string expression)
    {
        var result = Eval(expression);
        Assert.That(result.Failed, Is.True);
        Assert.That(result.Error, Does.Contain("not defined"));
    }

    [Test]
    public void A_runaway_loop_is_stopped()
    {
        var result = Eval("(() => { while (true) {} })()");
        Assert.That(result.Error, Does.Contain("statements"));
    }

    [Test]
    public void Runaway_memory_is_stopped()
    {
        var result = Eval("(() => { let s = 'x'; for (let i = 0; i < 40; i++) { s = s + s; } return s.length > 0; })()");
        Assert.That(result.Failed, Is.True);
        Assert.That(result.Error, Does.Contain("memory").IgnoreCase);
    }

    [Test]
    public void Runaway_recursion_is_stopped()
    {
        var result = Eval("(function f(n) { return f(n + 1); })(0)");
        Assert.That(result.Failed, Is.True);
    }

    [Test]
    public void Eval_and_the_Function_constructor_are_refused()
    {
        Assert.That(Eval("eval('true')").Failed, Is.True);
        Assert.That(Eval("Function('return true')()").Failed, Is.True);
    }

    [Test]
    public void Time_is_the_command_time_and_randomness_is_absent()
    {
        Assert.That(Eval($"Date.now() === {CaseDriver.OrdinaryMorning.ToUnixTimeMilliseconds()}").Value, Is.True);
        Assert.That(Eval("typeof Math.random === 'undefined'").Value, Is.True);
    }

    [Test]
    public void One_evaluation_cannot_leak_into_the_next()
    {
        Assert.That(Eval("(globalThis.leak = 1) === 1", new { secret = "s" }).Value, Is.True);
        Assert.That(Eval("typeof leak === 'undefined' && typeof secret === 'undefined'").Value, Is.True);
        Assert.That(Eval("(Object.prototype.polluted = 1) === 1").Failed, Is.True, "built-ins are frozen");
        Assert.That(Eval("({}).polluted === undefined").Value, Is.True);
    }

    [Test]
    public void A_condition_must_give_a_boolean()
    {
        var result = Eval("amount", new { amount = 5 });
        Assert.That(result.Error, Does.Contain("not true or false"));
    }

    [TestCase("a >>> ((")]
    [TestCase("")]
    [TestCase("1; while(true){}")]
    public void Text_that_is_not_one_expression_does_not_compile(string text)
    {
        Assert.That(CompiledExpression.TryCompile(text, out _, out var error), Is.False);
        Assert.That(error, Is.Not.Empty);
    }

    [Test]
    public void Camunda_style_wrappers_are_accepted()
    {
        Assert.That(Eval("${approved}", new { approved = true }).Value, Is.True);
    }
}
