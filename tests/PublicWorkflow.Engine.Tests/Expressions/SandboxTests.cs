using PublicWorkflow.Engine.Expressions;
using PublicWorkflow.Engine.Tests.Support;

namespace PublicWorkflow.Engine.Tests.Expressions;

public sealed class SandboxTests
{
    private static ConditionResult Eval(string expression, object? variables = null)
    {
        Assert.That(CompiledExpression.TryCompile(expression, out var compiled, out var error), Is.True, () => error ?? "");
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

    [TestCase("'x'.repeat(100000000).length > 0")]
    [TestCase("'x'.padStart(100000000).length > 0")]
    [TestCase("'x'.repeat(1000).repeat(1e18).length > 0")]
    [TestCase("'x'.repeat(1000).padEnd(1e300).length > 0")]
    [TestCase("'x'.padEnd(100000000, 'y').length > 0")]
    [TestCase("new Array(100000).fill('x'.repeat(1000)).join('').length > 0")]
    [TestCase("String(new Array(100000).fill('x'.repeat(1000))).length > 0")]
    [TestCase("'x'.repeat(100000).replaceAll('x', 'y'.repeat(1000)).length > 0")]
    [TestCase("'x'.repeat(100000).replace(/x/g, 'y'.repeat(1000)).length > 0")]
    public void One_statement_that_builds_a_huge_string_is_stopped_before_it_allocates(string expression)
    {
        var before = GC.GetAllocatedBytesForCurrentThread();
        var result = Eval(expression);
        Assert.That(result.Failed, Is.True, expression);
        Assert.That(result.Error, Does.Contain("memory").IgnoreCase);
        Assert.That(GC.GetAllocatedBytesForCurrentThread() - before, Is.LessThan(50_000_000), "the huge string was never built");
    }

    [Test]
    public void A_single_statement_over_the_memory_limit_fails_even_when_no_guarded_built_in_made_it()
    {
        // 100,000 array elements of small objects: each allocation is small, the statement as a whole is not.
        var result = Eval("Array.from({ length: 100000 }, (_, i) => ({ i })).length > 0");
        Assert.That(result.Failed, Is.True);
    }

    [Test]
    public void Ordinary_string_built_ins_still_work()
    {
        var result = Eval("'ab'.repeat(3) === 'ababab' && '7'.padStart(3, '0') === '007' && ['a', 'b'].join('-') === 'a-b' && "
            + "'a.b.c'.replaceAll('.', '/') === 'a/b/c' && 'x1'.replace(/\\d/, '#') === 'x#' && String([1, 2]) === '1,2'");
        Assert.That(result, Is.EqualTo(new ConditionResult(true, null)));
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
