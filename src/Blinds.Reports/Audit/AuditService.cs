namespace Blinds.Reports.Audit;

/// <summary>Bytes to one remote service ("tcp/443 devs.tplinkcloud.com").</summary>
/// <param name="Service">Protocol, port and name.</param>
/// <param name="Bytes">Bytes both ways.</param>
/// <param name="Devices">Devices using it.</param>
public sealed record AuditService(string Service, long Bytes, int Devices);
