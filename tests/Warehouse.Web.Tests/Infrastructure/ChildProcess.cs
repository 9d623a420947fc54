using System.Diagnostics;

namespace Warehouse.Web.Tests.Infrastructure;

/// <summary>
/// A process started for the tests: its stdout and stderr go to files, and disposing it ends its
/// whole process tree.
/// </summary>
public sealed class ChildProcess : IAsyncDisposable
{
    private readonly Process process;
    private readonly TextWriter stdout;
    private readonly TextWriter stderr;

    private ChildProcess(string name, Process process, TextWriter stdout, TextWriter stderr, string stdoutPath, string stderrPath)
    {
        Name = name;
        this.process = process;
        this.stdout = stdout;
        this.stderr = stderr;
        StdoutPath = stdoutPath;
        StderrPath = stderrPath;
    }

    public string Name { get; }
    public string StdoutPath { get; }
    public string StderrPath { get; }
    public bool HasExited => process.HasExited;
    public int ExitCode => process.ExitCode;

    public static ChildProcess Start(
        string name, string workingDirectory, IEnumerable<string> arguments, IReadOnlyDictionary<string, string> environment, string logDirectory)
    {
        Directory.CreateDirectory(logDirectory);
        var stdoutPath = Path.Combine(logDirectory, $"{name}.stdout.log");
        var stderrPath = Path.Combine(logDirectory, $"{name}.stderr.log");
        var stdout = TextWriter.Synchronized(new StreamWriter(stdoutPath) { AutoFlush = true });
        var stderr = TextWriter.Synchronized(new StreamWriter(stderrPath) { AutoFlush = true });

        var startInfo = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }
        foreach (var (key, value) in environment)
        {
            startInfo.Environment[key] = value;
        }

        var process = new Process { StartInfo = startInfo, EnableRaisingEvents = true };
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) stdout.WriteLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) stderr.WriteLine(e.Data); };
        if (!process.Start())
        {
            throw new InvalidOperationException($"Could not start {name}: dotnet {string.Join(' ', startInfo.ArgumentList)}");
        }
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return new ChildProcess(name, process, stdout, stderr, stdoutPath, stderrPath);
    }

    /// <summary>Waits for the process to end; false if it is still running after <paramref name="timeout"/>.</summary>
    public async Task<bool> WaitForExitAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cts.Token);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    /// <summary>The last lines of both logs, to explain a failure without opening the files.</summary>
    public string Describe(int lines = 40) =>
        $"""
        {Name} (logs: {StdoutPath}, {StderrPath}){(HasExited ? $", exited with {ExitCode}" : "")}
        --- stdout (last {lines} lines) ---
        {Tail(StdoutPath, lines)}
        --- stderr (last {lines} lines) ---
        {Tail(StderrPath, lines)}
        """;

    private static string Tail(string path, int lines)
    {
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var reader = new StreamReader(stream);
            var all = reader.ReadToEnd().Split('\n');
            return string.Join('\n', all.TakeLast(lines));
        }
        catch (IOException ex)
        {
            return $"(unreadable: {ex.Message})";
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                await WaitForExitAsync(TimeSpan.FromSeconds(10));
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
        finally
        {
            process.Dispose();
            stdout.Dispose();
            stderr.Dispose();
        }
    }
}
