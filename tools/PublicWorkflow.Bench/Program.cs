return PublicWorkflow.Bench.BenchApp.Run(args, Console.Out, Console.Error);
