namespace AIStudio.Kernel.Hosting;

/// <summary>The kernel's sockets.</summary>
internal enum ChannelKind
{
    Shell,
    Control,
    Stdin,
    IOPub,
}
