using System.Runtime.InteropServices;

namespace Gongkai.AnnualReports.Parsing;

/// <summary>
/// The processor time the calling thread has used, from the operating system (Linux and macOS
/// <c>clock_gettime(CLOCK_THREAD_CPUTIME_ID)</c>, Windows <c>GetThreadTimes</c>); null where neither is available.
/// The read budget counts it rather than the wall clock, so an input is stopped for the work it causes, not for the
/// time other requests kept the processor busy.
/// </summary>
internal static partial class ThreadCpuTime
{
    private const int LinuxThreadClock = 3;
    private const int MacThreadClock = 16;

    private static bool _unavailable;

    /// <summary>The calling thread's processor time so far, or null when the system cannot say.</summary>
    public static TimeSpan? Now()
    {
        if (_unavailable)
        {
            return null;
        }

        try
        {
            if (OperatingSystem.IsLinux() || OperatingSystem.IsMacOS())
            {
                if (ClockGetTime(OperatingSystem.IsLinux() ? LinuxThreadClock : MacThreadClock, out var time) == 0)
                {
                    return TimeSpan.FromTicks((time.Seconds * TimeSpan.TicksPerSecond) + (time.Nanoseconds / 100));
                }
            }
            else if (OperatingSystem.IsWindows() && GetThreadTimes(GetCurrentThread(), out _, out _, out var kernel, out var user))
            {
                return TimeSpan.FromTicks(kernel + user);
            }
        }
        catch (Exception exception) when (exception is DllNotFoundException or EntryPointNotFoundException)
        {
        }

        _unavailable = true;
        return null;
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public nint Seconds;
        public nint Nanoseconds;
    }

    [LibraryImport("libc", EntryPoint = "clock_gettime")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static partial int ClockGetTime(int clock, out TimeSpec time);

    [LibraryImport("kernel32.dll")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.System32)]
    private static partial IntPtr GetCurrentThread();

    [LibraryImport("kernel32.dll", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.System32)]
    [return: MarshalAs(UnmanagedType.Bool)]
    private static partial bool GetThreadTimes(IntPtr thread, out long creation, out long exit, out long kernel, out long user);
}
