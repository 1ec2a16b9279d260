namespace AIStudio.Kernel; internal static class Program { private static int Main() => 0; }
