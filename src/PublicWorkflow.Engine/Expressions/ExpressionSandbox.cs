using System.Text.Json;
using Jint;
using Jint.Native;
using Jint.Runtime;

namespace PublicWorkflow.Engine.Expressions;

/// <summary>The outcome of a condition: a boolean, or the reason it could not be had.</summary>
public readonly record struct ConditionResult(bool Value, string? Error)
{
    public bool Failed => Error is not null;
}

/// <summary>
/// Evaluates conditions in Jint with no CLR access, no eval, frozen built-ins, limits on statements, time,
/// memory and recursion, and a clock fixed to the command's <c>now</c> (so results are deterministic).
/// Case variables are plain JSON values, visible as globals and as <c>vars</c>.
/// One engine per thread: creating one costs ~50 µs, reusing it ~3 µs.
/// </summary>
public static class ExpressionSandbox
{
    public const int MaxStatements = 10_000;
    public static readonly TimeSpan Timeout = TimeSpan.FromMilliseconds(250);
    public const long MemoryLimitBytes = 8_000_000;

    /// <summary>The longest string one built-in call may make: a condition compares short values, never megabytes.</summary>
    public const int MaxStringLength = 1_000_000;

    [ThreadStatic]
    private static SandboxEngine? current;

    public static ConditionResult EvaluateCondition(CompiledExpression expression, IReadOnlyDictionary<string, JsonElement> variables, DateTimeOffset now)
    {
        var sandbox = current ??= new SandboxEngine();
        return sandbox.Evaluate(expression, variables, now);
    }

    private sealed class SandboxEngine
    {
        private readonly FixedTimeSystem clock = new();
        private readonly SandboxTimeLimit timeLimit = new(Timeout);
        private readonly Jint.Engine engine;
        private readonly HashSet<string> builtIns;

        public SandboxEngine()
        {
            engine = new Jint.Engine(options =>
            {
                options.Strict = true;
                options.TimeSystem = clock;
                options.TimeZone = clock.DefaultTimeZone;
                options.DisableStringCompilation();
                options.MaxStatements(MaxStatements);
                options.Constraint(timeLimit);
                options.LimitMemory(MemoryLimitBytes);
                options.LimitRecursion(64);
                options.MaxArraySize(100_000);
                options.RegexTimeoutInterval(TimeSpan.FromMilliseconds(100));
            });
            // Randomness would break determinism; frozen built-ins stop one evaluation leaking into the next.
            timeLimit.Enabled = false;
            GuardStringBuilders();
            engine.Execute("""
                (function () {
                  delete Math.random;
                  for (const name of Object.getOwnPropertyNames(globalThis)) {
                    if (name === 'globalThis') continue; // freezing the global object would stop variables being set
                    const value = globalThis[name];
                    if (value !== null && (typeof value === 'object' || typeof value === 'function')) {
                      Object.freeze(value);
                      if (value.prototype) Object.freeze(value.prototype);
                    }
                  }
                })();
                """);
            timeLimit.Enabled = true;
            builtIns = engine.Global.GetOwnPropertyKeys().Select(k => k.ToString()).ToHashSet();
        }

        public ConditionResult Evaluate(CompiledExpression expression, IReadOnlyDictionary<string, JsonElement> variables, DateTimeOffset now)
        {
            clock.Now = now;
            try
            {
                var all = new JsObject(engine);
                foreach (var (name, value) in variables)
                {
                    var js = ToJs(value);
                    all.Set(name, js);
                    if (!builtIns.Contains(name))
                    {
                        engine.SetValue(name, js);
                    }
                }
                engine.SetValue("vars", all);

                var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
                var result = engine.Evaluate(expression.Script);
                // Jint checks its memory limit before each statement, so a condition of one statement is measured here.
                if (GC.GetAllocatedBytesForCurrentThread() - allocatedBefore > MemoryLimitBytes)
                {
                    return new ConditionResult(false, MemoryExceeded);
                }
                return result is JsBoolean boolean
                    ? new ConditionResult(TypeConverter.ToBoolean(boolean), null)
                    : new ConditionResult(false, $"the condition gave {TypeConverter.ToString(result)} ({result.Type}), not true or false");
            }
            catch (Exception ex) when (ex is JavaScriptException or JintException or TimeoutException or InvalidOperationException or ArgumentException)
            {
                return new ConditionResult(false, Explain(ex));
            }
            finally
            {
                foreach (var key in engine.Global.GetOwnPropertyKeys())
                {
                    if (!builtIns.Contains(key.ToString()))
                    {
                        engine.Global.Delete(key);
                    }
                }
            }
        }

        private static string Explain(Exception ex) => ex switch
        {
            StatementsCountOverflowException => $"the condition ran more than {MaxStatements} statements and was stopped",
            MemoryLimitExceededException => MemoryExceeded,
            RecursionDepthOverflowException => "the condition recursed too deeply and was stopped",
            TimeoutException => $"the condition ran longer than {Timeout.TotalMilliseconds} ms and was stopped",
            _ => ex.Message,
        };

        private static readonly string MemoryExceeded = $"the condition used more than {MemoryLimitBytes / 1_000_000} MB of memory and was stopped";

        /// <summary>
        /// Built-ins that make one large string in a single native call, which Jint's per-statement memory check would only
        /// see after the allocation ('x'.repeat(1e8) is 200 MB): each is wrapped to refuse a result over
        /// <see cref="MaxStringLength"/> before it is built.
        /// </summary>
        private void GuardStringBuilders()
        {
            var strings = Prototype("String");
            // Lengths in double: a product of two large numbers must not wrap around to a small one.
            Guard(strings, "repeat", (self, args) => Text(self).Length * Math.Max(0, Number(args, 0)));
            Guard(strings, "padStart", (_, args) => Number(args, 0));
            Guard(strings, "padEnd", (_, args) => Number(args, 0));
            // Every position of the text may match, each giving the whole replacement.
            Guard(strings, "replace", ReplacedLength);
            Guard(strings, "replaceAll", ReplacedLength);
            Guard(Prototype("Array"), "join", JoinedLength);
        }

        private Jint.Native.Object.ObjectInstance Prototype(string constructor) =>
            (Jint.Native.Object.ObjectInstance)engine.Global.Get(constructor).Get("prototype");

        private void Guard(Jint.Native.Object.ObjectInstance prototype, string name, Func<JsValue, JsValue[], double> resultLength)
        {
            var original = prototype.Get(name);
            prototype.Set(name, new Jint.Runtime.Interop.ClrFunction(engine, name, (self, args) =>
            {
                if (resultLength(self, args) > MaxStringLength)
                {
                    var message = $"{name} would make a string longer than {MaxStringLength} characters: {MemoryExceeded}";
                    throw new JavaScriptException((Jint.Native.Error.ErrorConstructor)engine.Global.Get("RangeError"), message, new InvalidOperationException(message));
                }
                return engine.Call(original, self, args);
            }));
        }

        private static double ReplacedLength(JsValue self, JsValue[] args)
        {
            double text = Text(self).Length;
            return args.Length > 1 && args[1] is JsString replacement ? text + (text + 1) * replacement.Length : text;
        }

        private static double JoinedLength(JsValue self, JsValue[] args)
        {
            if (self is not Jint.Native.Object.ObjectInstance array)
            {
                return 0;
            }
            var count = (long)Math.Min(TypeConverter.ToNumber(array.Get("length")), uint.MaxValue);
            var separator = args.Length > 0 && !args[0].IsUndefined() ? Text(args[0]).Length : 1;
            var length = Math.Max(0, count - 1) * (double)separator;
            for (uint i = 0; i < count && length <= MaxStringLength; i++)
            {
                // Numbers, booleans and objects print short (an object's own join is guarded when it runs).
                length += array.Get(i) is JsString element ? element.Length : 24;
            }
            return length;
        }

        private static string Text(JsValue value) => value is JsString s ? s.ToString() : TypeConverter.ToString(value);

        private static double Number(JsValue[] args, int index) =>
            args.Length > index && TypeConverter.ToNumber(args[index]) is var n && !double.IsNaN(n) ? n : 0;

        private JsValue ToJs(JsonElement value)
        {
            switch (value.ValueKind)
            {
                case JsonValueKind.String:
                    return new JsString(value.GetString()!);
                case JsonValueKind.Number:
                    return new JsNumber(value.GetDouble());
                case JsonValueKind.True:
                    return JsBoolean.True;
                case JsonValueKind.False:
                    return JsBoolean.False;
                case JsonValueKind.Array:
                    return new JsArray(engine, value.EnumerateArray().Select(ToJs).ToArray());
                case JsonValueKind.Object:
                {
                    var obj = new JsObject(engine);
                    foreach (var property in value.EnumerateObject())
                    {
                        obj.Set(property.Name, ToJs(property.Value));
                    }
                    return obj;
                }
                default:
                    return JsValue.Null;
            }
        }
    }

    /// <summary>Gives scripts the command's time, never the machine's.</summary>
    private sealed class FixedTimeSystem() : DefaultTimeSystem(VietnamZone, System.Globalization.CultureInfo.InvariantCulture)
    {
        public DateTimeOffset Now { get; set; }

        // Jint reads the clock part of this value as UTC, so it must carry offset zero.
        public override DateTimeOffset GetUtcNow() => Now.ToUniversalTime();
    }

    private static readonly TimeZoneInfo VietnamZone = Calendar.WorkingCalendar.BuiltIn.Zone;
}
