using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

/// <summary>
/// Marks named version requirements (<c>.gnu.version_r</c> entries such as GLIBCXX_3.4.32) of ELF shared libraries
/// weak, so the dynamic loader only warns when the system library lacks that version instead of refusing to load.
/// TorchSharp-cpu 0.107.0's libLibTorchSharp.so needs GLIBCXX_3.4.32 only for <c>std::ios_base_library_init</c>, which
/// it never calls; Debian 12's libstdc++ stops at 3.4.30. Idempotent; the file is replaced atomically.
/// </summary>
public sealed class MarkElfVersionWeak : Task
{
    private const uint ShtGnuVerneed = 0x6ffffffe;
    private const int VerFlgWeak = 0x2;

    [Required]
    public ITaskItem[] Files { get; set; } = Array.Empty<ITaskItem>();

    [Required]
    public string Versions { get; set; } = "";

    public override bool Execute()
    {
        var versions = Versions.Split(new[] { ';' }, StringSplitOptions.RemoveEmptyEntries);
        foreach (var item in Files)
        {
            var path = item.ItemSpec;
            try
            {
                var bytes = File.ReadAllBytes(path);
                var marked = MarkWeak(bytes, versions);
                if (marked.Count == 0)
                {
                    continue;
                }

                // Copy (keeps the file's mode), write the marked bytes into the copy, then swap it in with a rename.
                var temporary = path + ".weak-" + Guid.NewGuid().ToString("N");
                File.Copy(path, temporary);
                File.WriteAllBytes(temporary, bytes);
                File.Replace(temporary, path, null);
                Log.LogMessage(MessageImportance.High, $"{Path.GetFileName(path)}: version requirement {string.Join(", ", marked)} marked weak (DESIGN.md, facts measured).");
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException || e is InvalidDataException)
            {
                Log.LogError($"Could not mark the version requirements of {path} weak: {e.Message}");
            }
        }

        return !Log.HasLoggedErrors;
    }

    /// <summary>Sets VER_FLG_WEAK on each named requirement not yet weak; returns the names it changed.</summary>
    public static List<string> MarkWeak(byte[] elf, string[] versions)
    {
        var changed = new List<string>();
        if (elf.Length < 64 || elf[0] != 0x7f || elf[1] != (byte)'E' || elf[2] != (byte)'L' || elf[3] != (byte)'F')
        {
            throw new InvalidDataException("not an ELF file");
        }

        if (elf[4] != 2 || elf[5] != 1)
        {
            throw new InvalidDataException("only 64-bit little-endian ELF files are supported");
        }

        var sectionHeaders = checked((int)U64(elf, 0x28));
        int entrySize = U16(elf, 0x3A);
        int count = U16(elf, 0x3C);
        for (var i = 0; i < count; i++)
        {
            var header = sectionHeaders + i * entrySize;
            if (U32(elf, header + 4) != ShtGnuVerneed)
            {
                continue;
            }

            var offset = checked((int)U64(elf, header + 0x18));
            var strings = sectionHeaders + (int)U32(elf, header + 0x28) * entrySize;
            var stringsOffset = checked((int)U64(elf, strings + 0x18));
            var needed = U32(elf, header + 0x2C);
            var entry = offset;
            for (var n = 0; n < needed; n++)
            {
                int auxCount = U16(elf, entry + 2);
                var aux = entry + (int)U32(elf, entry + 8);
                for (var a = 0; a < auxCount; a++)
                {
                    int flags = U16(elf, aux + 4);
                    var name = ReadString(elf, stringsOffset + (int)U32(elf, aux + 8));
                    if (Array.IndexOf(versions, name) >= 0 && (flags & VerFlgWeak) == 0)
                    {
                        flags |= VerFlgWeak;
                        elf[aux + 4] = (byte)(flags & 0xff);
                        elf[aux + 5] = (byte)(flags >> 8);
                        changed.Add(name);
                    }

                    aux += (int)U32(elf, aux + 12);
                }

                entry += (int)U32(elf, entry + 12);
            }
        }

        return changed;
    }

    private static ushort U16(byte[] b, int at) => (ushort)(b[at] | b[at + 1] << 8);

    private static uint U32(byte[] b, int at) => (uint)(U16(b, at) | U16(b, at + 2) << 16);

    private static ulong U64(byte[] b, int at) => U32(b, at) | (ulong)U32(b, at + 4) << 32;

    private static string ReadString(byte[] b, int at)
    {
        var end = Array.IndexOf(b, (byte)0, at);
        return Encoding.ASCII.GetString(b, at, end - at);
    }
}
