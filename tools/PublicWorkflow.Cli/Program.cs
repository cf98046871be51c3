return PublicWorkflow.Cli.CliApp.Run(args, Console.Out, Console.Error);
