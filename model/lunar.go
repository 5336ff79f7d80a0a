package model

import (
	"fmt"
	"math"
	"time"
)

// The Vietnamese lunar calendar (âm lịch), computed with Hồ Ngọc Đức's
// published algorithm ("Computing the Vietnamese lunar calendar",
// informatik.uni-leipzig.de/~duc/amlich/calrules_v02.html; astronomy after
// Jean Meeus, "Astronomical Algorithms"):
//
//   - a lunar month begins on the local day of a new moon;
//   - lunar month 11 is the month that contains the winter solstice;
//   - a lunar year with 13 months (between two months 11) has a leap month:
//     the first month after month 11 that contains no major solar term
//     (the sun's longitude enters no new 30° sector) is the leap month and
//     takes the number of the month before it.
//
// Everything is computed at UTC+7, the time zone Vietnam uses for its
// calendar. The Chinese calendar (UTC+8) occasionally differs: Tết 1985 is
// 21/1/1985 in Vietnam and 20/2/1985 in China; Tết 2007 is 17/2 against 18/2;
// Tết 2030 is 2/2 against 3/2. Never substitute a Chinese-calendar library.
//
// The algorithm is checked by lunar_test.go against a golden table of Tết and
// Giỗ Tổ dates and by a round trip over every day of 2000–2100.

// lunarTZ is the time zone of the Vietnamese lunar calendar, in hours.
const lunarTZ = 7.0

// LunarDate is a date of the Vietnamese lunar calendar. Y is the lunar year
// (the year that starts with Tết in solar year Y); Leap marks the leap month
// (tháng nhuận), which repeats the number of the month before it.
type LunarDate struct {
	Y, M, D int
	Leap    bool
}

// String formats a lunar date as "dd/mm/yyyy âm lịch", with "(nhuận)" for a
// leap month.
func (ld LunarDate) String() string {
	s := fmt.Sprintf("%02d/%02d/%04d âm lịch", ld.D, ld.M, ld.Y)
	if ld.Leap {
		s += " (nhuận)"
	}
	return s
}

// SolarToLunar converts a solar (Gregorian) date to the Vietnamese lunar date.
func SolarToLunar(d Date) (ld LunarDate) {
	day := jdn(d)
	k := int(math.Floor((float64(day) - 2415021.076998695) / 29.530588853))
	monthStart := newMoonDay(k + 1)
	for monthStart > day {
		// k is estimated from the mean lunation; the true new moon can be
		// a day later than the mean one, so step back until the month
		// starts on or before d (the published JavaScript steps back only
		// once and returns day 0 for some days, e.g. 9/4/2062).
		k--
		monthStart = newMoonDay(k + 1)
	}
	a11 := lunarMonth11(d.Y)
	b11 := a11
	if a11 >= monthStart {
		ld.Y = d.Y
		a11 = lunarMonth11(d.Y - 1)
	} else {
		ld.Y = d.Y + 1
		b11 = lunarMonth11(d.Y + 1)
	}
	ld.D = day - monthStart + 1
	diff := (monthStart - a11) / 29
	ld.M = diff + 11
	if b11-a11 > 365 {
		leap := leapMonthOffset(a11)
		if diff >= leap {
			ld.M = diff + 10
			ld.Leap = diff == leap
		}
	}
	if ld.M > 12 {
		ld.M -= 12
	}
	if ld.M >= 11 && diff < 4 {
		ld.Y--
	}
	return ld
}

// LunarToSolar converts a lunar date to the solar date. It reports false when
// the lunar date does not exist: a month outside 1–12, a leap flag on a month
// that is not the leap month of that year, or day 30 of a 29-day month.
func LunarToSolar(ld LunarDate) (Date, bool) {
	if ld.M < 1 || ld.M > 12 || ld.D < 1 || ld.D > 30 {
		return Date{}, false
	}
	var a11, b11 int
	if ld.M < 11 {
		a11 = lunarMonth11(ld.Y - 1)
		b11 = lunarMonth11(ld.Y)
	} else {
		a11 = lunarMonth11(ld.Y)
		b11 = lunarMonth11(ld.Y + 1)
	}
	k := int(math.Floor(0.5 + (float64(a11)-2415021.076998695)/29.530588853))
	off := ld.M - 11
	if off < 0 {
		off += 12
	}
	if b11-a11 > 365 {
		leapOff := leapMonthOffset(a11)
		leapMonth := leapOff - 2
		if leapMonth < 0 {
			leapMonth += 12
		}
		if ld.Leap && ld.M != leapMonth {
			return Date{}, false
		}
		if ld.Leap || off >= leapOff {
			off++
		}
	} else if ld.Leap {
		return Date{}, false
	}
	start := newMoonDay(k + off)
	d := fromJDN(start + ld.D - 1)
	if ld.D == 30 && newMoonDay(k+off+1) <= start+29 {
		return Date{}, false // a 29-day month has no day 30
	}
	return d, true
}

// TetDate returns Tết Nguyên đán, mùng 1 tháng Giêng of the lunar year that
// starts in solar year year.
func TetDate(year int) Date {
	d, _ := LunarToSolar(LunarDate{Y: year, M: 1, D: 1})
	return d
}

// HungKingsDate returns Giỗ Tổ Hùng Vương, 10 tháng 3 âm lịch (of the
// regular, not the leap, third month) of the lunar year starting in year.
func HungKingsDate(year int) Date {
	d, _ := LunarToSolar(LunarDate{Y: year, M: 3, D: 10})
	return d
}

// jdn returns the Julian day number of a Gregorian date.
func jdn(d Date) int {
	a := (14 - int(d.M)) / 12
	y := d.Y + 4800 - a
	m := int(d.M) + 12*a - 3
	return d.D + (153*m+2)/5 + 365*y + y/4 - y/100 + y/400 - 32045
}

// fromJDN returns the Gregorian date of a Julian day number.
func fromJDN(jd int) Date {
	a := jd + 32044
	b := (4*a + 3) / 146097
	c := a - b*146097/4
	d := (4*c + 3) / 1461
	e := c - 1461*d/4
	m := (5*e + 2) / 153
	return Date{
		Y: b*100 + d - 4800 + m/10,
		M: time.Month(m + 3 - 12*(m/10)),
		D: e - (153*m+2)/5 + 1,
	}
}

// newMoon returns the Julian date (UT, fractional) of the k-th new moon
// after the one of 1/1/1900 (Meeus, chapter 49, shortened).
func newMoon(k int) float64 {
	const dr = math.Pi / 180
	kf := float64(k)
	t := kf / 1236.85 // Julian centuries from 1900 January 0.5
	t2 := t * t
	t3 := t2 * t
	jd1 := 2415020.75933 + 29.53058868*kf + 0.0001178*t2 - 0.000000155*t3
	jd1 += 0.00033 * math.Sin((166.56+132.87*t-0.009173*t2)*dr)      // mean new moon
	m := 359.2242 + 29.10535608*kf - 0.0000333*t2 - 0.00000347*t3    // sun's mean anomaly
	mpr := 306.0253 + 385.81691806*kf + 0.0107306*t2 + 0.00001236*t3 // moon's mean anomaly
	f := 21.2964 + 390.67050646*kf - 0.0016528*t2 - 0.00000239*t3    // moon's argument of latitude
	c1 := (0.1734-0.000393*t)*math.Sin(m*dr) + 0.0021*math.Sin(2*dr*m)
	c1 = c1 - 0.4068*math.Sin(mpr*dr) + 0.0161*math.Sin(dr*2*mpr)
	c1 -= 0.0004 * math.Sin(dr*3*mpr)
	c1 = c1 + 0.0104*math.Sin(dr*2*f) - 0.0051*math.Sin(dr*(m+mpr))
	c1 = c1 - 0.0074*math.Sin(dr*(m-mpr)) + 0.0004*math.Sin(dr*(2*f+m))
	c1 = c1 - 0.0004*math.Sin(dr*(2*f-m)) - 0.0006*math.Sin(dr*(2*f+mpr))
	c1 = c1 + 0.0010*math.Sin(dr*(2*f-mpr)) + 0.0005*math.Sin(dr*(2*mpr+m))
	var deltaT float64
	if t < -11 {
		deltaT = 0.001 + 0.000839*t + 0.0002261*t2 - 0.00000845*t3 - 0.000000081*t*t3
	} else {
		deltaT = -0.000278 + 0.000265*t + 0.000262*t2
	}
	return jd1 + c1 - deltaT
}

// sunLongitude returns the sun's apparent longitude in radians, in [0, 2π),
// at Julian date jd (UT).
func sunLongitude(jd float64) float64 {
	const dr = math.Pi / 180
	t := (jd - 2451545.0) / 36525 // Julian centuries from 2000-01-01 12:00 UT
	t2 := t * t
	m := 357.52910 + 35999.05030*t - 0.0001559*t2 - 0.00000048*t*t2 // mean anomaly
	l0 := 280.46645 + 36000.76983*t + 0.0003032*t2                  // mean longitude
	dl := (1.914600 - 0.004817*t - 0.000014*t2) * math.Sin(dr*m)
	dl += (0.019993-0.000101*t)*math.Sin(dr*2*m) + 0.000290*math.Sin(dr*3*m)
	l := (l0 + dl) * dr
	return l - 2*math.Pi*math.Floor(l/(2*math.Pi))
}

// sunSector returns which 30° sector (0–11) the sun is in at the local
// midnight that starts day number day.
func sunSector(day int) int {
	return int(math.Floor(sunLongitude(float64(day)-0.5-lunarTZ/24) / math.Pi * 6))
}

// newMoonDay returns the day number of the local day of the k-th new moon.
func newMoonDay(k int) int {
	return int(math.Floor(newMoon(k) + 0.5 + lunarTZ/24))
}

// lunarMonth11 returns the day number on which lunar month 11 (the month of
// the winter solstice) of solar year y begins.
func lunarMonth11(y int) int {
	off := jdn(Date{y, time.December, 31}) - 2415021
	k := int(math.Floor(float64(off) / 29.530588853))
	nm := newMoonDay(k)
	if sunSector(nm) >= 9 { // the sun is past 270°: this new moon is after the solstice
		nm = newMoonDay(k - 1)
	}
	return nm
}

// leapMonthOffset returns the position of the leap month after the month 11
// that begins on day a11 (1 = the month right after month 11): the first
// month in which the sun enters no new sector.
func leapMonthOffset(a11 int) int {
	k := int(math.Floor((float64(a11)-2415021.076998695)/29.530588853 + 0.5))
	i := 1
	arc := sunSector(newMoonDay(k + i))
	for {
		last := arc
		i++
		arc = sunSector(newMoonDay(k + i))
		if arc == last || i >= 14 {
			break
		}
	}
	return i - 1
}
