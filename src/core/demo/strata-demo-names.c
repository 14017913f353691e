/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The demo's customers are invented: brand words are common two-character
 * business words, not real companies. */
#include "strata-demo-names.h"

const char *const demo_industry_keys[DEMO_N_INDUSTRIES] = {
  "finance", "gaming", "e-commerce", "manufacturing", "media",
  "government", "education", "logistics", "healthcare", "software",
};

const guint demo_industry_weights[DEMO_N_INDUSTRIES] = {
  12, 11, 15, 14, 8, 6, 8, 9, 6, 11,
};

/* Finance and gaming buy the most (cross-border lines, DDoS protection). */
const double demo_industry_size_bias[DEMO_N_INDUSTRIES] = {
  0.45, 0.35, 0.10, -0.05, -0.10, 0.20, -0.45, -0.15, -0.20, 0.05,
};

const char *const demo_region_names[DEMO_N_REGIONS] = {
  "华北", "华东", "华南", "华中", "西南", "西北", "东北", "海外",
};

const guint demo_region_weights[DEMO_N_REGIONS] = {
  20, 27, 21, 9, 9, 4, 4, 6,
};

const char *const demo_managers[DEMO_N_REGIONS * DEMO_MANAGERS_PER_REGION] = {
  "王磊", "李娜", "张伟",      /* 华北 */
  "陈静", "刘洋", "周婷",      /* 华东 */
  "黄志强", "林晓敏", "吴俊杰", /* 华南 */
  "赵敏", "孙浩", "胡丽",      /* 华中 */
  "杨帆", "何雪", "罗斌",      /* 西南 */
  "马超", "高颖", "郭峰",      /* 西北 */
  "徐刚", "韩冰", "冯涛",      /* 东北 */
  "Emily Chan", "David Tan", "Grace Lim", /* 海外 */
};

static const char *const cities[] = {
  "北京", "上海", "广州", "深圳", "杭州", "南京", "成都", "重庆", "武汉", "西安",
  "苏州", "天津", "长沙", "郑州", "青岛", "厦门", "合肥", "福州", "济南", "宁波",
  "东莞", "佛山", "昆明", "沈阳", "大连", "贵阳", "无锡", "珠海",
};

static const char *const brands[] = {
  "云途", "星河", "博远", "瀚海", "鼎盛", "天恒", "金桥", "锐达", "汇通", "启明",
  "远航", "新元", "恒信", "卓越", "蓝海", "智联", "华创", "易达", "嘉和", "晨光",
  "光启", "千帆", "万象", "银杉", "北辰", "景行", "致远", "同舟", "睿信", "凌云",
  "长风", "泰和", "盛世", "优品", "极光", "数联", "明德", "安泰", "众合", "和光",
  "东方", "九州", "中晟", "宏图", "广域", "云帆", "青禾", "磐石", "知行", "融创",
};

/* Three sector words per industry, in the order of DemoIndustry. */
static const char *const sectors_zh[DEMO_N_INDUSTRIES][3] = {
  { "金融信息服务", "支付科技", "资产管理" },
  { "网络游戏", "互动娱乐", "数字娱乐" },
  { "电子商务", "网络科技", "跨境电商" },
  { "智能制造", "精密机械", "新材料科技" },
  { "文化传媒", "数字传媒", "影视文化" },
  { "政务信息", "智慧城市", "公共数据" },
  { "教育科技", "在线教育", "职业教育" },
  { "供应链管理", "物流", "国际货运" },
  { "医疗科技", "健康科技", "生物医药" },
  { "软件", "信息技术", "数据科技" },
};

static const char *const brands_en[] = {
  "Harbour", "Summit", "Bluewave", "Northwind", "Crescent", "Evergreen", "Pacific",
  "Lion City", "Kowloon", "Meridian", "Atlas", "Vertex", "Orchid", "Jade", "Silverline",
  "Redwood", "Straits", "Victoria", "Golden Bay", "Nimbus", "Keystone", "Aurora",
  "Sentosa", "Lantau", "Bright Path",
};

static const char *const sectors_en[DEMO_N_INDUSTRIES][3] = {
  { "Capital", "Payments", "Securities" },
  { "Games", "Interactive", "Play" },
  { "Commerce", "Trading", "Online Retail" },
  { "Manufacturing", "Precision", "Materials" },
  { "Media", "Studios", "Broadcasting" },
  { "Public Data", "Civic Services", "Smart City" },
  { "Learning", "Education", "Academy" },
  { "Logistics", "Freight", "Supply Chain" },
  { "Health", "Medical", "Biotech" },
  { "Software", "Systems", "Data" },
};

static const char *const suffixes_en[] = {
  "Ltd", "Limited", "Pte Ltd", "Holdings Ltd", "Inc.",
};

guint
demo_pick_weighted (StrataPrng  *prng,
                    const guint *weights,
                    guint        n)
{
  guint total = 0;
  guint r;

  for (guint i = 0; i < n; i++)
    total += weights[i];
  r = strata_prng_below (prng, total);
  for (guint i = 0; i < n; i++)
    {
      if (r < weights[i])
        return i;
      r -= weights[i];
    }
  return n - 1;
}

#define PICK(prng, array) ((array)[strata_prng_below ((prng), G_N_ELEMENTS (array))])

char *
demo_company_name (StrataPrng   *prng,
                   DemoIndustry  industry,
                   gboolean      english,
                   gboolean      listed)
{
  const char *city = PICK (prng, cities);
  const char *brand = PICK (prng, brands);
  const char *sector = sectors_zh[industry][strata_prng_below (prng, 3)];

  if (english)
    {
      const char *brand_en = PICK (prng, brands_en);
      const char *sector_en = sectors_en[industry][strata_prng_below (prng, 3)];
      const char *suffix = listed ? "Holdings Ltd" : PICK (prng, suffixes_en);

      return g_strdup_printf ("%s %s %s", brand_en, sector_en, suffix);
    }
  if (industry == DEMO_GOVERNMENT && strata_prng_chance (prng, 0.5))
    {
      static const char *const bodies[] = {
        "市大数据中心", "市政务服务数据管理局", "市公共资源交易中心", "市信息中心",
      };
      return g_strdup_printf ("%s%s", city, PICK (prng, bodies));
    }
  return g_strdup_printf ("%s%s%s%s", city, brand, sector,
                          listed ? "股份有限公司" : "有限公司");
}
