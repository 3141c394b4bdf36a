import DealRulesModel
import Testing

@Suite("Units and quantities")
struct UnitsQuantityTests {
    @Test("unit words convert to base units", arguments: [
        ("W", "1"), ("kW", "1000"), ("MW", "1000000"), ("GW", "1000000000"), ("TW", "1000000000000"),
        ("kWh", "1000"), ("TWh", "1000000000000"), ("month", "1"), ("years", "12"), ("day", "1"), ("weeks", "7"),
        ("gw", "1000000000"), ("Years", "12"),
    ])
    func factors(word: String, factor: String) {
        #expect(UnitCatalog.unit(named: word)?.factor.description == factor)
    }

    @Test("dimensions")
    func dimensions() {
        #expect(UnitCatalog.unit(named: "GW")?.dimension == .power)
        #expect(UnitCatalog.unit(named: "GWh")?.dimension == .energy)
        #expect(UnitCatalog.unit(named: "years")?.dimension == .months)
        #expect(UnitCatalog.unit(named: "weeks")?.dimension == .days)
        #expect(UnitCatalog.unit(named: "parsec") == nil)
    }

    @Test("scales and currencies")
    func scales() {
        #expect(UnitCatalog.scale(named: "bn")?.description == "1000000000")
        #expect(UnitCatalog.scale(named: "K")?.description == "1000")
        #expect(UnitCatalog.scale(named: "T")?.description == "1000000000000")
        #expect(UnitCatalog.scale(named: "zillion") == nil)
        #expect(UnitCatalog.isCurrencyCode("EUR"))
        #expect(!UnitCatalog.isCurrencyCode("eur"))
        #expect(!UnitCatalog.isCurrencyCode("XYZ"))
    }

    @Test("5 GW is 5000 MW")
    func conversion() {
        guard let gw = UnitCatalog.unit(named: "GW"), let mw = UnitCatalog.unit(named: "MW") else { Issue.record("units"); return }
        let a = Quantity.of(DecimalNumber(5), gw)
        let b = Quantity.of(DecimalNumber(5000), mw)
        #expect(a?.amount == b?.amount)
        #expect(a?.unit == b?.unit)
    }

    @Test("signatures multiply and divide")
    func signatures() {
        let money = UnitSignature(.currency("USD"))
        let power = UnitSignature(.power)
        let perPower = money.divided(by: power)
        #expect(perPower.description == "USD per power")
        #expect(perPower.multiplied(by: power) == money)
        #expect(money.divided(by: money).isDimensionless)
        #expect(UnitSignature(.months).divided(by: UnitSignature(.days)).isDimensionless == false)
        #expect(UnitSignature(.currency("EUR")) != money)
        #expect(perPower.currency == "USD")
        #expect(perPower.simpleDimension == nil)
    }

    @Test("money and per")
    func money() {
        guard let gw = UnitCatalog.unit(named: "GW"), let billion = UnitCatalog.scale(named: "billion") else { Issue.record("units"); return }
        let value = Quantity.money(DecimalNumber(20), scale: billion, currency: "USD")
        #expect(value?.isMoney == true)
        let perGW = value?.per(gw)
        #expect(perGW?.amount.description == "20")
        #expect(perGW?.isMoney == false)
        #expect(Quantity.money(DecimalNumber(significand: 1, exponent: 30), scale: billion, currency: "USD") == nil)
    }

    @Test("provenance status order: confirmed is strongest")
    func statusOrder() {
        #expect(ProvenanceStatus.confirmed < .reported)
        #expect(ProvenanceStatus.reported < .estimated)
        #expect([ProvenanceStatus.reported, .confirmed, .estimated].max() == .estimated)
    }

    @Test("severity order")
    func severityOrder() {
        #expect(Severity.allCases.sorted() == [.info, .low, .medium, .high, .critical])
        #expect(Severity.default == .medium)
    }
}
