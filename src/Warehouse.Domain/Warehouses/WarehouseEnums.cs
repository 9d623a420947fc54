namespace Warehouse.Domain.Warehouses;

/// <summary>Where a warehouse is in its life. Only active warehouses count towards the city's target and appear in search.</summary>
public enum WarehouseStatus { Draft, Active, Suspended, Closed }

public enum Ownership { SelfBuilt, Leased }

/// <summary>Storage conditions a warehouse offers (常温, 冷藏, 冷冻, 恒湿).</summary>
public enum StorageCondition { Ambient, Chilled, Frozen, HumidityControlled }

/// <summary>Special handling a warehouse is equipped and licensed for.</summary>
public enum HandlingCapability { HazmatClass9LithiumBatteries, OversizeHeavy, GarmentsOnHanger, Bonded }
