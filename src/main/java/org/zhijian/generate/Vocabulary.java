package org.zhijian.generate;

import java.util.List;
import java.util.Map;

/** Words the generator builds realistic names, products and test items from. */
final class Vocabulary
{
    static final String[] TRADE_CHARACTERS = (
            "恒达华盛兴鑫宏立新泰瑞丰源明光金宝利通德嘉美佳振安康永昌顺和正益方海天龙凯博创科锦诚信优晨远星汇"
                    + "富豪隆旺荣阳辉长久万中东南西北山川江湖惠祥福同力捷维特伟骏腾飞跃峰").split("");
    static final String[] SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林高罗郑梁谢宋唐许韩冯邓曹彭曾肖田董潘袁蔡蒋余于杜叶程魏苏吕丁任沈姚卢金汪戴傅钟".split("");
    static final String[] GIVEN_CHARACTERS = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华建国文斌志红玲飞鹏辉丹宇浩凯晨琳欣怡婷雪梅兰海波".split("");

    /** Words for an enterprise name, by manufacturing division or by section letter. */
    static final Map<String, String[]> INDUSTRY_WORDS = Map.ofEntries(
            Map.entry("13", new String[] {"粮油食品", "农产品加工", "米业"}),
            Map.entry("14", new String[] {"食品", "乳业", "食品科技"}),
            Map.entry("15", new String[] {"酒业", "茶业", "饮品"}),
            Map.entry("16", new String[] {"烟草"}),
            Map.entry("17", new String[] {"纺织", "织造", "针纺"}),
            Map.entry("18", new String[] {"服饰", "制衣", "针织"}),
            Map.entry("19", new String[] {"鞋业", "皮革", "箱包"}),
            Map.entry("20", new String[] {"木业", "竹木制品"}),
            Map.entry("21", new String[] {"家具", "家居"}),
            Map.entry("22", new String[] {"纸业", "包装材料"}),
            Map.entry("23", new String[] {"印务", "彩印包装"}),
            Map.entry("24", new String[] {"文具", "玩具", "工艺品", "体育用品"}),
            Map.entry("25", new String[] {"能源", "燃料"}),
            Map.entry("26", new String[] {"化工", "新材料", "涂料"}),
            Map.entry("27", new String[] {"药业", "生物医药"}),
            Map.entry("28", new String[] {"化纤", "纤维"}),
            Map.entry("29", new String[] {"塑业", "橡塑", "塑料制品"}),
            Map.entry("30", new String[] {"建材", "陶瓷", "玻璃制品"}),
            Map.entry("31", new String[] {"钢铁", "特钢"}),
            Map.entry("32", new String[] {"铝业", "铜业", "金属材料"}),
            Map.entry("33", new String[] {"五金", "五金制品", "紧固件", "工具"}),
            Map.entry("34", new String[] {"泵业", "阀门", "机械", "轴承"}),
            Map.entry("35", new String[] {"模具", "机械设备", "智能装备"}),
            Map.entry("36", new String[] {"汽车部件", "汽配", "车业"}),
            Map.entry("37", new String[] {"船舶", "摩托车", "车辆"}),
            Map.entry("38", new String[] {"电器", "电气", "电机", "电池"}),
            Map.entry("39", new String[] {"电子", "光电", "通信设备"}),
            Map.entry("40", new String[] {"仪表", "仪器"}),
            Map.entry("41", new String[] {"工艺", "日用品"}),
            Map.entry("42", new String[] {"再生资源", "环保科技"}),
            Map.entry("43", new String[] {"设备维修", "机电工程"}),
            Map.entry("A", new String[] {"农业", "生态农业", "茶园"}),
            Map.entry("B", new String[] {"矿业", "石材"}),
            Map.entry("D", new String[] {"能源", "水务", "燃气"}),
            Map.entry("E", new String[] {"建设", "建筑工程", "装饰工程"}),
            Map.entry("F", new String[] {"商贸", "贸易", "进出口"}),
            Map.entry("G", new String[] {"物流", "运输", "供应链"}),
            Map.entry("H", new String[] {"餐饮管理", "酒店管理"}),
            Map.entry("I", new String[] {"信息技术", "网络科技", "软件"}),
            Map.entry("J", new String[] {"投资", "金融服务"}),
            Map.entry("K", new String[] {"房地产开发", "置业"}),
            Map.entry("L", new String[] {"商务咨询", "企业管理", "人力资源"}),
            Map.entry("M", new String[] {"科技", "检测技术", "设计"}),
            Map.entry("N", new String[] {"环境工程", "园林"}),
            Map.entry("O", new String[] {"家政服务", "维修服务"}),
            Map.entry("P", new String[] {"教育科技", "培训"}),
            Map.entry("Q", new String[] {"医疗管理", "健康管理"}),
            Map.entry("R", new String[] {"文化传媒", "体育发展"}),
            Map.entry("S", new String[] {"社会服务"}),
            Map.entry("T", new String[] {"国际合作"}));

    /** Branded products by division, for brands and standards. */
    static final Map<String, String[]> PRODUCTS = Map.ofEntries(
            Map.entry("13", new String[] {"大米", "食用植物油", "饲料"}),
            Map.entry("14", new String[] {"乳制品", "糕点", "调味品"}),
            Map.entry("15", new String[] {"黄酒", "茶叶", "饮料"}),
            Map.entry("16", new String[] {"卷烟"}),
            Map.entry("17", new String[] {"纺织面料", "袜子", "床上用品"}),
            Map.entry("18", new String[] {"童装", "领带", "羊毛衫", "衬衫"}),
            Map.entry("19", new String[] {"皮鞋", "皮革", "旅行箱包"}),
            Map.entry("20", new String[] {"木地板", "木门", "竹制品"}),
            Map.entry("21", new String[] {"办公椅", "实木家具", "软体家具"}),
            Map.entry("22", new String[] {"生活用纸", "瓦楞纸箱", "特种纸"}),
            Map.entry("23", new String[] {"包装印刷品", "标签"}),
            Map.entry("24", new String[] {"学生文具", "木制玩具", "笔", "健身器材"}),
            Map.entry("25", new String[] {"燃料油"}),
            Map.entry("26", new String[] {"染料", "涂料", "农药", "复混肥料"}),
            Map.entry("27", new String[] {"化学药品制剂", "中成药"}),
            Map.entry("28", new String[] {"涤纶长丝", "锦纶"}),
            Map.entry("29", new String[] {"塑料管材", "汽车轮胎", "塑料包装"}),
            Map.entry("30", new String[] {"水泥", "陶瓷砖", "青瓷", "水晶制品"}),
            Map.entry("31", new String[] {"热轧带肋钢筋", "不锈钢管"}),
            Map.entry("32", new String[] {"铝合金型材", "铜管"}),
            Map.entry("33", new String[] {"电动工具", "不锈钢器皿", "紧固件", "防盗安全门"}),
            Map.entry("34", new String[] {"水泵", "阀门", "轴承", "空压机"}),
            Map.entry("35", new String[] {"注塑模具", "纺织机械", "包装机械"}),
            Map.entry("36", new String[] {"汽车制动器", "汽车线束", "汽车座椅"}),
            Map.entry("37", new String[] {"摩托车", "游艇"}),
            Map.entry("38", new String[] {"低压电器", "小家电", "铅酸蓄电池", "电线电缆"}),
            Map.entry("39", new String[] {"安防监控设备", "光伏组件", "印制电路板"}),
            Map.entry("40", new String[] {"电能表", "流量计"}),
            Map.entry("41", new String[] {"工艺礼品"}),
            Map.entry("42", new String[] {"再生塑料颗粒"}),
            Map.entry("43", new String[] {"设备维修服务"}));

    /** Failed test items by product-category group. */
    static final Map<String, String[]> FAILED_ITEMS = Map.ofEntries(
            Map.entry("日用及纺织品", new String[] {"纤维含量", "甲醛含量", "pH值", "耐摩擦色牢度", "使用说明"}),
            Map.entry("轻工产品", new String[] {"可触及锐利边缘", "小零件", "邻苯二甲酸酯增塑剂", "稳定性", "警示标识"}),
            Map.entry("电子电器", new String[] {"输入功率和电流", "发热", "泄漏电流和电气强度", "接地措施", "能效等级"}),
            Map.entry("电工及材料产品", new String[] {"导体电阻", "绝缘厚度", "绝缘老化前抗张强度", "20℃容量", "标志"}),
            Map.entry("建筑和装饰装修材料", new String[] {"抗压强度", "屈服强度", "断后伸长率", "吸水率", "尺寸偏差"}),
            Map.entry("机械及安防产品", new String[] {"密封性能", "壳体强度", "耐久性", "防破坏性能", "标志"}),
            Map.entry("农业生产资料", new String[] {"总养分", "有效成分含量", "水分", "粒度", "标识"}),
            Map.entry("食品相关产品", new String[] {"感官", "总迁移量", "高锰酸钾消耗量", "甲醛迁移量", "脱色试验"}),
            Map.entry("食品", new String[] {"菌落总数", "大肠菌群", "酸价", "过氧化值", "二氧化硫残留量", "铅（以Pb计）"}));

    static final List<String> INDUSTRY_STANDARD_PREFIXES = List.of("QB/T", "JB/T", "FZ/T", "HG/T", "SN/T", "JC/T", "NY/T", "SJ/T", "YB/T", "QC/T", "GA/T", "SB/T");
    static final List<String> GROUP_CODES = List.of("ZZB", "CAS", "ZJSX", "CNTAC", "CEEIA", "CMIF", "ZJAS");

    private Vocabulary() {}
}
